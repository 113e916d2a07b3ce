#include "sonic/report/catalog_report.hpp"

#include <array>

#include "catalog_charts.hpp"
#include "html_parts.hpp"
#include "report_format.hpp"
#include "sonic/report/svg_charts.hpp"
#include "sonic/report/text_cell.hpp"
#include "sonic/report/text_escape.hpp"

namespace sonic::report {
namespace {

using namespace detail;

// The features the trend tables show in text; the HTML draws all thirteen.
constexpr std::array<const char*, 6> kTrendTableFeatures = {"energy",       "danceability", "valence",
                                                            "acousticness", "loudness",     "tempo"};

// The figures every format shows, as rows of plain text cells (the caller escapes them).
struct Tables {
  std::vector<std::string> trend_headers;
  std::vector<std::vector<std::string>> trend_rows;
  std::vector<std::vector<std::string>> cluster_rows;
  std::vector<std::vector<std::string>> metric_rows;  // split, model, ROC-AUC, PR-AUC, accuracy, F1
  std::vector<std::vector<std::string>> importance_rows;
  std::string hit_note;  // why there is no hit model section, or its label rule
};

Tables tables_of(const nlohmann::json& report) {
  Tables tables;
  tables.trend_headers = {"period", "#tracks"};
  for (const char* feature : kTrendTableFeatures) tables.trend_headers.push_back(concat("#", feature));
  for (const auto& period : field(field(report, "trends"), "periods")) {
    std::vector<std::string> row = {
        concat(std::to_string(integer_or(period, "period", 0)), field(period, "small") == true ? "*" : ""),
        grouped(integer_or(period, "tracks", 0))};
    for (const char* feature : kTrendTableFeatures) {
      const auto& spread = field(field(period, "features"), feature);
      const int decimals = std::string_view(feature) == "tempo" || std::string_view(feature) == "loudness" ? 1 : 2;
      row.push_back(concat(fixed_or_dash(field(spread, "median"), decimals), " [",
                           fixed_or_dash(field(spread, "q1"), decimals), "–",
                           fixed_or_dash(field(spread, "q3"), decimals), "]"));
    }
    tables.trend_rows.push_back(std::move(row));
  }
  for (const auto& cluster : field(field(report, "clusters"), "clusters")) {
    const auto& decade = field(cluster, "median_decade");
    tables.cluster_rows.push_back({text_or(cluster, "label", ""), grouped(integer_or(cluster, "tracks", 0)),
                                   fixed(number_or(cluster, "valence", 0), 2),
                                   fixed(number_or(cluster, "energy", 0), 2),
                                   decade.is_number() ? concat(std::to_string(decade.get<int>()), "s") : "–"});
  }
  const auto& hits = field(report, "hits");
  if (hits.is_null()) {
    tables.hit_note = "no hit model yet (run sonic catalog train hits --label COLUMN)";
  } else if (hits.contains("other_catalog")) {
    tables.hit_note = concat("the hit model was trained on catalog ", text_or(hits, "other_catalog", "?"),
                             ": train one on this catalog (sonic catalog train hits --catalog NAME)");
  } else {
    tables.hit_note = concat("label: ", text_or(hits, "label", "?"));
    const auto& evaluation = field(hits, "evaluation");
    for (const auto& [split, scores] : field(evaluation, "splits").items()) {
      for (const auto& [model, figures] : field(scores, "models").items()) {
        tables.metric_rows.push_back(
            {split, model, fixed_or_dash(field(figures, "roc_auc"), 4), fixed_or_dash(field(figures, "pr_auc"), 4),
             fixed_or_dash(field(figures, "accuracy"), 4), fixed_or_dash(field(figures, "f1"), 4)});
      }
    }
    for (const auto& row : field(evaluation, "importance")) {
      tables.importance_rows.push_back({text_or(row, "input", ""), fixed(number_or(row, "mean_abs_shap", 0), 3),
                                        percent(number_or(row, "gain_share", 0))});
    }
  }
  return tables;
}

const std::vector<std::string> kClusterHeaders = {"cluster", "#tracks", "#valence", "#energy", "median decade"};
const std::vector<std::string> kMetricHeaders = {"split", "model", "#ROC-AUC", "#PR-AUC", "#accuracy", "#F1"};
const std::vector<std::string> kImportanceHeaders = {"input", "#mean |SHAP|", "#share of split gain"};

std::string subtitle(const nlohmann::json& report) {
  return concat(grouped(integer_or(report, "tracks", 0)), " tracks · generated ", text_or(report, "generated", ""));
}

// Plain text columns, padded to the widest cell; numeric columns (a '#' header) right-aligned.
std::string text_table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows) {
  const auto header_text = [](const std::string& header) { return header[0] == '#' ? header.substr(1) : header; };
  std::vector<int> widths;
  for (const auto& header : headers) widths.push_back(display_width(header_text(header)));
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], display_width(terminal_safe(row[c])));
    }
  }
  const auto line = [&](const std::vector<std::string>& cells, bool header) {
    std::string text = " ";
    for (std::size_t c = 0; c < cells.size() && c < widths.size(); ++c) {
      text += concat(" ", cell(header ? header_text(cells[c]) : cells[c], widths[c], headers[c][0] == '#'));
    }
    return text + "\n";
  };
  std::string text = line(headers, true);
  for (const auto& row : rows) text += line(row, false);
  return text;
}

std::string markdown_table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows) {
  std::string text = "|", rule = "|";
  for (const auto& header : headers) {
    const bool numeric = header[0] == '#';
    text += concat(" ", markdown_escape(numeric ? header.substr(1) : header), " |");
    rule += numeric ? " ---: |" : " --- |";
  }
  text += concat("\n", rule, "\n");
  for (const auto& row : rows) {
    text += "|";
    for (const auto& cell : row) text += concat(" ", markdown_escape(cell), " |");
    text += "\n";
  }
  return text;
}

std::vector<std::vector<std::string>> html_escaped(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::vector<std::string>> escaped;
  for (const auto& row : rows) {
    auto& cells = escaped.emplace_back();
    for (const auto& cell : row) cells.push_back(html_escape(cell));
  }
  return escaped;
}

// "Fitted on a seeded sample of 20,000 of the 1,204,025 tracks." when the clusters were sampled.
std::string sampled_note(const nlohmann::json& clusters) {
  const std::int64_t of = integer_or(clusters, "sampled_from", 0);
  if (of <= 0) return "";
  return concat("<p>Fitted on a seeded sample of ",
                grouped(integer_or(clusters, "tracks_clustered", 0) + integer_or(clusters, "tracks_incomplete", 0)),
                " of the ", grouped(of), " tracks.</p>");
}

std::string note(const std::string& text) { return concat("<p class=\"missing\">", html_escape(text), "</p>"); }

}  // namespace

std::string catalog_report_text(const nlohmann::json& report) {
  const Tables tables = tables_of(report);
  std::string text =
      concat("sonic catalog report: ", terminal_safe(text_or(report, "catalog", "")), " (", subtitle(report),
             ")\n\nTrends by ", text_or(field(report, "trends"), "by", "period"), " (median [q1–q3]; * = few tracks)\n",
             text_table(tables.trend_headers, tables.trend_rows), "\nClusters of sound\n",
             text_table(kClusterHeaders, tables.cluster_rows), "\nHit model (", terminal_safe(tables.hit_note), ")\n");
  if (!tables.metric_rows.empty()) text += text_table(kMetricHeaders, tables.metric_rows);
  if (!tables.importance_rows.empty())
    text += concat("\nImportance\n", text_table(kImportanceHeaders, tables.importance_rows));
  return text;
}

std::string catalog_report_markdown(const nlohmann::json& report) {
  const Tables tables = tables_of(report);
  std::string text = concat("# sonic catalog report: ", markdown_escape(text_or(report, "catalog", "")), "\n\n",
                            markdown_escape(subtitle(report)), "\n\n## Trends by ",
                            markdown_escape(text_or(field(report, "trends"), "by", "period")),
                            "\n\nMedian [q1–q3]; * marks periods with few tracks.\n\n",
                            markdown_table(tables.trend_headers, tables.trend_rows), "\n## Clusters of sound\n\n",
                            markdown_table(kClusterHeaders, tables.cluster_rows), "\n## Hit model\n\n",
                            markdown_escape(tables.hit_note), "\n\n");
  if (!tables.metric_rows.empty()) text += markdown_table(kMetricHeaders, tables.metric_rows) + "\n";
  if (!tables.importance_rows.empty()) text += markdown_table(kImportanceHeaders, tables.importance_rows);
  return text;
}

std::string catalog_report_html(const nlohmann::json& report) {
  const Tables tables = tables_of(report);
  const std::string title = concat("sonic catalog report: ", text_or(report, "catalog", ""));
  std::string html = html_page_start(title, subtitle(report));
  const auto& trends = field(report, "trends");
  std::string trend_charts;
  for (const auto& feature : field(trends, "features")) {
    if (feature.is_string()) trend_charts += trend_band_svg(trends, feature.get<std::string>());
  }
  html += section("trends", concat("How the sound changed, by ", text_or(trends, "by", "period")),
                  trend_charts.empty()
                      ? note("no track has a year or decade")
                      : concat("<p>The line is the median, the band the middle half of the "
                               "tracks; hollow dots mark periods with few tracks.</p>",
                               trend_charts, table(tables.trend_headers, html_escaped(tables.trend_rows))));
  std::string histograms;
  for (const auto& distribution : field(report, "distributions")) histograms += histogram_svg(distribution);
  html += section("distributions", "Feature distributions", histograms.empty() ? note("no features") : histograms);
  const auto& clusters = field(report, "clusters");
  const std::string map = cluster_scatter_svg(field(clusters, "map"));
  html += section("clusters", "Clusters of sound: valence × energy",
                  map.empty()
                      ? note("too few tracks with features to cluster")
                      : concat(map, table(kClusterHeaders, html_escaped(tables.cluster_rows)), sampled_note(clusters)));
  std::string hits = note(tables.hit_note);
  if (!tables.metric_rows.empty()) {
    hits += concat(
        "<p>Judged on a stratified random split and on a grouped temporal split (the latest period "
        "tests, no artist on both sides), beside logistic regression and duration + loudness.</p>",
        table(kMetricHeaders, html_escaped(tables.metric_rows)));
  }
  const auto& hit_section = field(report, "hits");
  const std::string importance = importance_svg(field(field(hit_section, "evaluation"), "importance"));
  if (!importance.empty()) hits += concat("<h3>Importance</h3>", importance);
  const std::string shap = shap_summary_svg(field(hit_section, "shap"));
  if (!shap.empty()) {
    hits += concat("<h3>SHAP summary over ", grouped(integer_or(field(hit_section, "shap"), "tracks", 0)),
                   " sampled tracks</h3>", shap);
  }
  html += section("hits", "What makes a hit", hits);
  return html + html_page_end();
}

}  // namespace sonic::report
