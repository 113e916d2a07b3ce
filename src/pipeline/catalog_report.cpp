#include "sonic/pipeline/catalog_report.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <numeric>
#include <optional>
#include <random>

#include "sonic/catalog/hit_model.hpp"
#include "sonic/catalog/trends.hpp"
#include "sonic/core/atomic_file.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/pipeline/catalog_lab.hpp"
#include "sonic/report/catalog_report.hpp"
#include "sonic/store/catalog_store.hpp"

namespace sonic::pipeline {
namespace {

// Each feature's histogram between its 0.5th and 99.5th percentiles (the few values beyond fall
// in the end bins), so one extreme track does not squash the rest into a bar or two.
nlohmann::json distributions(const records::CatalogTable& table, std::size_t bins) {
  nlohmann::json features = nlohmann::json::array();
  std::vector<double> values;
  for (std::size_t f = 0; f < records::kCatalogFeatureCount; ++f) {
    values.clear();
    for (const auto& row : table.features) {
      if (!std::isnan(row[f])) values.push_back(row[f]);
    }
    nlohmann::json feature = {{"feature", records::kCatalogFeatureNames[f]},
                              {"tracks", values.size()},
                              {"missing", table.size() - values.size()}};
    if (values.empty()) {
      features.push_back(feature);
      continue;
    }
    std::vector<double> scratch = values;
    const double low = catalog::linear_quantile(scratch, 0.005);
    const double high = catalog::linear_quantile(scratch, 0.995);
    std::vector<std::int64_t> counts(bins, 0);
    const double width = high > low ? (high - low) / static_cast<double>(bins) : 1;
    for (const double value : values) {
      const double position = std::floor((value - low) / width);
      ++counts[static_cast<std::size_t>(std::clamp(position, 0.0, static_cast<double>(bins - 1)))];
    }
    feature["low"] = low;
    feature["high"] = high > low ? high : low + width * static_cast<double>(bins);
    feature["counts"] = counts;
    features.push_back(feature);
  }
  return features;
}

// The cluster map in the shape report/svg_charts draws: each cluster's centre and sampled members.
nlohmann::json cluster_map(const CatalogClustersResult& clusters) {
  nlohmann::json items = nlohmann::json::array();
  for (const CatalogCluster& cluster : clusters.clusters) {
    nlohmann::json points = nlohmann::json::array();
    for (const auto& [valence, energy] : cluster.points) points.push_back({valence, energy});
    items.push_back({{"label", cluster.label},
                     {"tracks", cluster.tracks},
                     {"valence", cluster.valence},
                     {"energy", cluster.energy},
                     {"points", points}});
  }
  return {{"items", items}};
}

// The hit model's SHAP values over a seeded sample of the catalog's tracks: per input, the
// contributions beside the input's value scaled to 0–1 within the sample (the dots' colour).
// `numbers`: the catalog's thirteen numbers, already read; the catalog is read again only when the
// model takes a kept column too.
nlohmann::json shap_summary(store::Database& db, std::int64_t catalog_id, const records::CatalogTable& numbers,
                            const ml::GbdtModel& model, const CatalogReportOptions& options) {
  const std::vector<std::string>& inputs = model.feature_names();
  store::CatalogTableRequest request;
  for (const std::string& input : inputs) {
    if (records::catalog_feature_index(input) == records::kCatalogFeatureCount) request.extra_columns.push_back(input);
  }
  std::optional<records::CatalogTable> with_extras;
  if (!request.extra_columns.empty()) with_extras = store::read_catalog_table(db, catalog_id, request);
  const records::CatalogTable& table = with_extras ? *with_extras : numbers;
  std::vector<std::size_t> rows(table.size());
  std::iota(rows.begin(), rows.end(), std::size_t{0});
  std::mt19937_64 random(options.seed);
  const std::size_t drawn = std::min(options.shap_sample, rows.size());
  for (std::size_t i = 0; i < drawn; ++i) {
    std::uniform_int_distribution<std::size_t> pick(i, rows.size() - 1);
    std::swap(rows[i], rows[pick(random)]);
  }
  rows.resize(drawn);
  Eigen::MatrixXd features(static_cast<Eigen::Index>(drawn), static_cast<Eigen::Index>(inputs.size()));
  for (std::size_t c = 0; c < inputs.size(); ++c) {
    const std::size_t feature = records::catalog_feature_index(inputs[c]);
    const auto extra = std::find(request.extra_columns.begin(), request.extra_columns.end(), inputs[c]);
    for (std::size_t r = 0; r < drawn; ++r) {
      features(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) =
          feature < records::kCatalogFeatureCount
              ? table.features[rows[r]][feature]
              : table.extra_values[static_cast<std::size_t>(extra - request.extra_columns.begin())][rows[r]];
    }
  }
  const Eigen::MatrixXd contributions = drawn > 0 ? model.contributions(features) : Eigen::MatrixXd();
  nlohmann::json summary = nlohmann::json::array();
  for (std::size_t c = 0; c < inputs.size(); ++c) {
    const auto column = static_cast<Eigen::Index>(c);
    double low = INFINITY, high = -INFINITY;
    for (Eigen::Index r = 0; r < features.rows(); ++r) {
      if (!std::isnan(features(r, column))) {
        low = std::min(low, features(r, column));
        high = std::max(high, features(r, column));
      }
    }
    nlohmann::json points = nlohmann::json::array();
    double mean_abs = 0;
    for (Eigen::Index r = 0; r < features.rows(); ++r) {
      const double value = features(r, column);
      const double scaled = std::isnan(value) ? -1 : high > low ? (value - low) / (high - low) : 0.5;
      points.push_back({contributions(r, column), scaled});
      mean_abs += std::abs(contributions(r, column));
    }
    summary.push_back({{"input", inputs[c]},
                       {"mean_abs_shap", drawn > 0 ? mean_abs / static_cast<double>(drawn) : 0.0},
                       {"points", points}});
  }
  std::stable_sort(summary.begin(), summary.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
    return a["mean_abs_shap"].get<double>() > b["mean_abs_shap"].get<double>();
  });
  return {{"tracks", drawn}, {"inputs", summary}};
}

nlohmann::json hit_model_section(store::Database& db, const Home& home, const store::CatalogSummary& summary,
                                 const records::CatalogTable& numbers, const CatalogReportOptions& options) {
  const std::filesystem::path path = catalog::kCatalogHits.path(home);
  if (!std::filesystem::exists(path)) return nullptr;
  const catalog::HitModelFile file = catalog::load_hit_model(path);
  // The home keeps one hit model: one trained on another catalog says nothing about this one.
  if (file.catalog != summary.name) return {{"other_catalog", file.catalog}};
  return {{"label", file.label},
          {"metrics", file.metrics},
          {"evaluation", file.evaluation},
          {"shap", shap_summary(db, summary.id, numbers, file.model, options)}};
}

}  // namespace

nlohmann::json catalog_report(store::Database& db, const Home& home, const CatalogReportOptions& options) {
  const store::CatalogSummary summary = resolve_catalog(db, options.catalog);
  const records::CatalogTable numbers = store::read_catalog_table(db, summary.id, {});
  catalog::TrendOptions trend_options;
  catalog::TrendsResult trends = catalog::compute_trends(numbers, trend_options);
  trends.catalog = summary.name;
  CatalogClusterOptions cluster_options;
  cluster_options.seed = options.seed;
  cluster_options.map_points = options.map_points;
  cluster_options.sample = options.cluster_sample;
  const CatalogClustersResult clusters = cluster_catalog_table(numbers, summary.name, cluster_options);
  nlohmann::json clusters_json = to_json(clusters);
  clusters_json["map"] = cluster_map(clusters);
  return {{"catalog", summary.name},
          {"tracks", summary.tracks},
          {"generated", format_iso8601_utc(options.now_ms)},
          {"trends", to_json(trends)},
          {"distributions", distributions(numbers, std::max<std::size_t>(options.histogram_bins, 1))},
          {"clusters", clusters_json},
          {"hits", hit_model_section(db, home, summary, numbers, options)}};
}

std::string make_catalog_report(store::Database& db, const Home& home, const CatalogReportRequest& request) {
  CatalogReportOptions options = request.options;
  if (options.now_ms == 0) options.now_ms = now_utc_ms();
  const nlohmann::json report = catalog_report(db, home, options);
  const auto render = [&] {
    switch (request.format) {
      case ReportFormat::json:
        return report.dump() + "\n";
      case ReportFormat::html:
        return report::catalog_report_html(report);
      case ReportFormat::markdown:
        return report::catalog_report_markdown(report);
      case ReportFormat::terminal:
        break;
    }
    return report::catalog_report_text(report);
  };
  std::filesystem::path destination = request.out;
  if (destination.empty() && (request.format == ReportFormat::html || request.format == ReportFormat::markdown)) {
    // The catalog's name comes from the data: only letters, digits, '-' and '_' reach the file name.
    std::string slug;
    for (const char c : report["catalog"].get<std::string>()) {
      slug += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '-';
    }
    const std::string date = format_iso8601_utc(options.now_ms).substr(0, 10);
    destination = home.reports() / (std::string("catalog-").append(slug).append("-").append(date) +
                                    (request.format == ReportFormat::html ? ".html" : ".md"));
  }
  if (destination.empty()) return render();
  write_file_atomically(destination, render());
  return destination.string() + "\n";
}

}  // namespace sonic::pipeline
