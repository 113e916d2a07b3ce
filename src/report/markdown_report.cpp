#include "sonic/report/markdown_report.hpp"

#include "catalog_placement_text.hpp"
#include "genre_text.hpp"
#include "report_format.hpp"
#include "sonic/report/text_cell.hpp"
#include "sonic/report/text_charts.hpp"
#include "sonic/report/text_escape.hpp"

namespace sonic::report {
namespace {

using namespace detail;

std::string row(const std::vector<std::string>& cells) {
  std::string text = "|";
  for (const auto& cell_text : cells) text += " " + cell_text + " |";
  return text + "\n";
}

std::string code_block(const std::vector<std::string>& lines) {
  std::string text = "```text\n";
  for (const auto& line : lines) text += line + "\n";
  return text + "```\n";
}

std::string missing(std::string_view section) { return concat("_", markdown_escape(unavailable(section)), "_\n"); }

std::string overview(const nlohmann::json& o) {
  if (integer_or(o, "listens", 0) <= 0) return missing("overview");
  return row({"listens", "hours", "tracks", "artists", "days with music", "from", "to"}) +
         "|---:|---:|---:|---:|---:|---|---|\n" +
         row({grouped(integer_or(o, "listens", 0)), fixed(number_or(o, "hours", 0), 1),
              grouped(integer_or(o, "tracks", 0)), grouped(integer_or(o, "artists", 0)),
              grouped(integer_or(o, "days_with_listens", 0)), date_part(field(o, "from")), date_part(field(o, "to"))});
}

std::string moods(const nlohmann::json& dashboard) {
  const auto& over_time = field(dashboard, "mood_over_time");
  const auto& total = field(over_time, "total");
  const std::string mood_mix = share_list(field(total, "moods"), 5);
  const std::string cluster_mix = share_list(field(total, "clusters"), 5);
  if (mood_mix.empty() && cluster_mix.empty()) return missing("moods");
  std::string text;
  if (!mood_mix.empty()) text += concat("- moods: ", markdown_escape(mood_mix), "\n");
  if (!cluster_mix.empty()) text += concat("- clusters: ", markdown_escape(cluster_mix), "\n");
  const auto& segments = field(field(dashboard, "segments"), "segments");
  if (has_items(segments, "")) {
    const std::string key = segment_mix_key(segments);
    text += concat("\n", row({"segment", "minutes", key == "moods" ? "mood mix" : "cluster mix"}), "|---|---:|---|\n");
    for (const auto& segment : segments) {
      text += row({markdown_escape(text_or(segment, "name", "?")), fixed(number_or(segment, "minutes", 0), 0),
                   markdown_escape(share_list(field(segment, key), 3))});
    }
  }
  if (has_items(over_time, "buckets")) {
    text += concat("\n", row({text_or(over_time, "bucket", "week"), "listens", "moods", "clusters"}),
                   "|---|---:|---|---|\n");
    for (const auto& bucket : field(over_time, "buckets")) {
      text += row({markdown_escape(text_or(bucket, "start", "")), grouped(integer_or(bucket, "listens", 0)),
                   markdown_escape(share_list(field(bucket, "moods"), 3)),
                   markdown_escape(share_list(field(bucket, "clusters"), 2))});
    }
  }
  return text;
}

std::string clusters(const nlohmann::json& section) {
  if (!has_items(section, "items")) return missing("clusters");
  std::string text =
      row({"cluster", "label", "size", "listens", "valence", "energy"}) + "|---:|---|---:|---:|---:|---:|\n";
  for (const auto& item : field(section, "items")) {
    const auto& valence = field(item, "valence");
    const auto& energy = field(item, "energy");
    text += row({std::to_string(integer_or(item, "cluster", 0)), markdown_escape(text_or(item, "label", "")),
                 grouped(integer_or(item, "size", 0)), grouped(integer_or(item, "listens", 0)),
                 valence.is_number() ? fixed(valence.get<double>(), 2) : "–",
                 energy.is_number() ? fixed(energy.get<double>(), 2) : "–"});
  }
  return text;
}

std::string top_list(const nlohmann::json& list, bool tracks) {
  if (!has_items(list, "")) return missing("overview");
  std::string text = tracks ? row({"#", "track", "artist", "listens", "hours"}) + "|---:|---|---|---:|---:|\n"
                            : row({"#", "artist", "listens", "hours"}) + "|---:|---|---:|---:|\n";
  int rank = 0;
  for (const auto& item : list) {
    std::vector<std::string> cells = {std::to_string(++rank), markdown_escape(text_or(item, "name", ""))};
    if (tracks) cells.push_back(markdown_escape(text_or(item, "artist", "")));
    cells.push_back(grouped(integer_or(item, "listens", 0)));
    cells.push_back(fixed(number_or(item, "hours", 0), 1));
    text += row(cells);
  }
  return text;
}

// A titled table: figures are ours and read as they are, like the other tables'; text from the
// data (genre tags, cluster labels) is escaped.
std::string markdown_table(const TextTable& table) {
  std::string text = table.title.empty() ? "" : concat("\n**", markdown_escape(table.title), "**\n\n");
  std::vector<std::string> headers;
  std::vector<bool> numeric;
  std::string rule = "|";
  for (const auto& header : table.headers) {
    numeric.push_back(header.starts_with('#'));
    headers.push_back(markdown_escape(numeric.back() ? header.substr(1) : header));
    rule += numeric.back() ? "---:|" : "---|";
  }
  text += concat(row(headers), rule, "\n");
  for (const auto& cells : table.rows) {
    std::vector<std::string> shown;
    for (std::size_t column = 0; column < cells.size(); ++column) {
      const bool figure = column < numeric.size() && numeric[column];
      shown.push_back(figure ? cells[column] : markdown_escape(cells[column]));
    }
    text += row(shown);
  }
  return text;
}

std::string genres(const nlohmann::json& section) {
  const std::string coverage = genre_coverage(section);
  std::string text = coverage.empty() ? "" : concat(markdown_escape(coverage), "\n\n");
  if (integer_or(section, "listens_with_genre", 0) <= 0) return text + missing("genres");
  for (const auto& table : genre_tables(section)) text += markdown_table(table);
  const auto descriptors = genre_share_items(field(section, "descriptors"), 5);
  if (!descriptors.empty()) {
    text += concat("\nDescriptors, kept apart from genres: ", markdown_escape(joined(descriptors, " · ")), "\n");
  }
  return text;
}

std::string drift(const nlohmann::json& section) {
  if (!section.is_object()) return missing("drift");
  if (!has_items(section, "flags")) return "No change over 20%: listening as usual.\n";
  std::string text = row({"", "the 30 days before", "the last 7 days", "change"}) + "|---|---:|---:|---:|\n";
  for (const auto& flag : field(section, "flags")) {
    text += row({markdown_escape(text_or(flag, "label", text_or(flag, "metric", "?"))),
                 fixed_or_dash(field(flag, "baseline"), 2), fixed_or_dash(field(flag, "recent"), 2),
                 signed_percent(number_or(flag, "change", 0))});
  }
  return text;
}

std::string models(const nlohmann::json& list) {
  if (!has_items(list, "")) return missing("models");
  std::string text = row({"model", "status", "trained", "metrics"}) + "|---|---|---|---|\n";
  for (const auto& model : list) {
    const std::string metrics = joined(metric_items(field(model, "headline")), ", ");
    text += row({markdown_escape(text_or(model, "experiment", "?")), markdown_escape(text_or(model, "status", "")),
                 date_part(field(model, "start")), markdown_escape(metrics)});
  }
  return text;
}

std::string catalog_placement(const nlohmann::json& catalogs) {
  std::string text;
  for (const auto& catalog : catalogs) {
    text += concat(text.empty() ? "" : "\n", markdown_escape(catalog_placement_summary(catalog)), "\n");
    for (const auto& table : catalog_placement_tables(catalog)) text += markdown_table(table);
  }
  return text;
}

std::string narrative(const nlohmann::json& dashboard) {
  const auto& section = field(dashboard, "narrative");
  const std::string text = text_or(section, "text", "");
  if (text.empty()) return missing("narrative");
  std::string out = concat("_", markdown_escape(text_or(section, "narrator", "?")), " narrator_\n");
  for (const auto& paragraph : paragraphs(text)) out += concat("\n", markdown_escape(paragraph), "\n");
  const std::string note = narrator_note(dashboard);
  return note.empty() ? out : concat(out, "\n_", markdown_escape(note), "_\n");
}

}  // namespace

std::string render_markdown(const nlohmann::json& dashboard) {
  std::string md = concat("# sonic report: ", markdown_escape(period_title(dashboard)), "\n\n");
  md += concat("Time zone ", markdown_escape(text_or(dashboard, "time_zone", "")), ", generated ",
               markdown_escape(text_or(dashboard, "generated", "")), ".\n");
  md += concat("\n## Overview\n\n", overview(field(dashboard, "overview")));
  const auto heatmap = heatmap_lines(field(dashboard, "heatmap"));
  md += concat("\n## When you listen\n\nMinutes by local weekday and hour.\n\n",
               heatmap.empty() ? missing("overview") : code_block(heatmap));
  md += concat("\n## Mood mix\n\n", moods(dashboard));
  md += concat("\n## Clusters\n\n", clusters(field(dashboard, "clusters")));
  md += concat("\n## Top artists\n\n", top_list(field(dashboard, "top_artists"), false));
  md += concat("\n## Top tracks\n\n", top_list(field(dashboard, "top_tracks"), true));
  md += concat("\n## Genres by listening time\n\n", genres(field(dashboard, "genres")));
  md += concat("\n## Drift: the last 7 days against the 30 before\n\n", drift(field(dashboard, "drift")));
  md += concat("\n## Models\n\n", models(field(dashboard, "models")));
  const auto forecast = forecast_lines(field(dashboard, "forecast"));
  md += concat("\n## The next 24 hours\n\nThe chance of a listening session in each hour.\n\n",
               forecast.empty() ? missing("forecast") : code_block(forecast));
  const std::string why = forecast_why(field(dashboard, "forecast"));
  if (!why.empty()) md += concat("\n", markdown_escape(why), "\n");
  md += concat("\n## In words\n\n", narrative(dashboard));
  // Only with a catalog holding some of the period's listens (pipeline/catalog_placement.hpp).
  if (has_items(dashboard, "catalogs")) {
    md += concat("\n## Your listening in the catalogs\n\n", catalog_placement(field(dashboard, "catalogs")));
  }
  return md;
}

}  // namespace sonic::report
