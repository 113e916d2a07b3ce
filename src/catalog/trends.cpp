#include "sonic/catalog/trends.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "sonic/core/error.hpp"

namespace sonic::catalog {

std::string_view trend_period_name(TrendPeriod period) { return period == TrendPeriod::year ? "year" : "decade"; }

double linear_quantile(std::vector<double>& values, double q) {
  if (values.empty()) return records::kMissingValue;
  const double position = q * static_cast<double>(values.size() - 1);
  const auto lower = static_cast<std::size_t>(std::floor(position));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(lower), values.end());
  const double low = values[lower];
  if (lower + 1 >= values.size()) return low;
  // The next order statistic is the smallest value above position `lower`.
  const double high = *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(lower) + 1, values.end());
  return low + (position - static_cast<double>(lower)) * (high - low);
}

std::vector<std::size_t> catalog_feature_indexes(const std::vector<std::string>& names) {
  std::vector<std::size_t> indexes;
  if (names.empty()) {
    for (std::size_t i = 0; i < records::kCatalogFeatureCount; ++i) indexes.push_back(i);
    return indexes;
  }
  for (const std::string& name : names) {
    const std::size_t index = records::catalog_feature_index(name);
    if (index == records::kCatalogFeatureCount) {
      std::string known;
      for (const auto feature : records::kCatalogFeatureNames)
        known += (known.empty() ? "" : ", ") + std::string(feature);
      throw InputError("unknown feature '" + name + "'; the features are: " + known);
    }
    indexes.push_back(index);
  }
  return indexes;
}

TrendsResult compute_trends(const records::CatalogTable& table, const TrendOptions& options) {
  const std::vector<std::size_t> indexes = catalog_feature_indexes(options.features);
  TrendsResult result;
  result.by = options.by;
  result.min_tracks = options.min_tracks;
  for (const std::size_t index : indexes) result.features.emplace_back(records::kCatalogFeatureNames[index]);

  // Rows grouped by period first, so each period's values are gathered in one pass.
  std::map<int, std::vector<std::size_t>> rows_by_period;
  for (std::size_t row = 0; row < table.size(); ++row) {
    const int period = options.by == TrendPeriod::year ? table.years[row] : table.decades[row];
    if (period == 0) {
      ++result.tracks_without_period;
      continue;
    }
    rows_by_period[period].push_back(row);
  }
  std::vector<double> values;
  for (const auto& [period, rows] : rows_by_period) {
    TrendRow& out = result.periods.emplace_back();
    out.period = period;
    out.tracks = static_cast<std::int64_t>(rows.size());
    out.small = out.tracks < options.min_tracks;
    for (const std::size_t index : indexes) {
      values.clear();
      for (const std::size_t row : rows) {
        const double value = table.features[row][index];
        if (!std::isnan(value)) values.push_back(value);
      }
      FeatureSpread spread;
      spread.count = static_cast<std::int64_t>(values.size());
      spread.q1 = linear_quantile(values, 0.25);
      spread.median = linear_quantile(values, 0.5);
      spread.q3 = linear_quantile(values, 0.75);
      out.features.push_back(spread);
    }
  }
  return result;
}

namespace {

nlohmann::json number_or_null(double value) { return std::isnan(value) ? nlohmann::json() : nlohmann::json(value); }

std::string fixed(double value, int decimals) {
  if (std::isnan(value)) return "-";
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

int decimals_for(std::string_view feature) {
  return feature == "duration_ms" ? 0 : feature == "tempo" || feature == "loudness" ? 1 : 3;
}

}  // namespace

nlohmann::json to_json(const TrendsResult& result) {
  nlohmann::json periods = nlohmann::json::array();
  for (const TrendRow& row : result.periods) {
    nlohmann::json features = nlohmann::json::object();
    for (std::size_t i = 0; i < result.features.size(); ++i) {
      const FeatureSpread& spread = row.features[i];
      features[result.features[i]] = {{"count", spread.count},
                                      {"q1", number_or_null(spread.q1)},
                                      {"median", number_or_null(spread.median)},
                                      {"q3", number_or_null(spread.q3)},
                                      {"iqr", number_or_null(spread.q3 - spread.q1)}};
    }
    periods.push_back({{"period", row.period}, {"tracks", row.tracks}, {"small", row.small}, {"features", features}});
  }
  return {{"catalog", result.catalog},
          {"by", trend_period_name(result.by)},
          {"min_tracks", result.min_tracks},
          {"features", result.features},
          {"tracks_without_period", result.tracks_without_period},
          {"periods", periods}};
}

std::string to_text(const TrendsResult& result) {
  std::string text = "catalog " + result.catalog + ": median [q1 .. q3] by " +
                     std::string(trend_period_name(result.by)) + "; * = fewer than " +
                     std::to_string(result.min_tracks) + " tracks\n";
  for (std::size_t i = 0; i < result.features.size(); ++i) {
    const std::string& feature = result.features[i];
    const int decimals = decimals_for(feature);
    text += feature + "\n";
    for (const TrendRow& row : result.periods) {
      const FeatureSpread& spread = row.features[i];
      char line[160];
      std::snprintf(line, sizeof line, "  %d%s %8lld tracks  %s [%s .. %s]\n", row.period, row.small ? "*" : " ",
                    static_cast<long long>(row.tracks), fixed(spread.median, decimals).c_str(),
                    fixed(spread.q1, decimals).c_str(), fixed(spread.q3, decimals).c_str());
      text += line;
    }
  }
  if (result.tracks_without_period > 0) {
    text += std::to_string(result.tracks_without_period) + " tracks have no " +
            std::string(trend_period_name(result.by)) + "\n";
  }
  return text;
}

}  // namespace sonic::catalog
