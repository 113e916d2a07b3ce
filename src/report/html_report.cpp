#include "sonic/report/html_report.hpp"

#include "catalog_placement_text.hpp"
#include "genre_text.hpp"
#include "html_parts.hpp"
#include "report_format.hpp"
#include "sonic/report/svg_charts.hpp"
#include "sonic/report/text_charts.hpp"
#include "sonic/report/text_escape.hpp"

namespace sonic::report {
namespace {

using namespace detail;

std::string missing(std::string_view section) {
  return concat("<p class=\"missing\">", html_escape(unavailable(section)), "</p>");
}

std::string overview(const nlohmann::json& o) {
  if (integer_or(o, "listens", 0) <= 0) return missing("overview");
  const auto tile = [](const std::string& value, const std::string& label) {
    return concat("<div class=\"tile\"><b>", html_escape(value), "</b>", html_escape(label), "</div>");
  };
  return concat("<div class=\"tiles\">", tile(grouped(integer_or(o, "listens", 0)), "listens"),
                tile(fixed(number_or(o, "hours", 0), 1), "hours"), tile(grouped(integer_or(o, "tracks", 0)), "tracks"),
                tile(grouped(integer_or(o, "artists", 0)), "artists"),
                tile(grouped(integer_or(o, "days_with_listens", 0)), "days with music"), "</div>", "<p>",
                html_escape(date_part(field(o, "from"))), " to ", html_escape(date_part(field(o, "to"))), "</p>");
}

std::string mood_over_time(const nlohmann::json& dashboard) {
  const auto& section_json = field(dashboard, "mood_over_time");
  std::string html;
  for (const std::string key : {"moods", "clusters"}) {
    const std::string svg = mood_over_time_svg(section_json, key);
    if (svg.empty()) continue;
    html +=
        concat("<h3>", html_escape(key == "moods" ? "Moods" : "Clusters"), " by ",
               html_escape(text_or(section_json, "bucket", "week")), "</h3>", svg, legend(field(section_json, key)));
  }
  const auto& segments = field(field(dashboard, "segments"), "segments");
  if (has_items(segments, "")) {
    const std::string key = segment_mix_key(segments);
    std::vector<std::vector<std::string>> rows;
    for (const auto& segment : segments) {
      std::vector<std::string> artists;
      for (const auto& artist : field(segment, "top_artists")) {
        artists.push_back(artist.is_string() ? artist.get<std::string>() : "");
      }
      if (artists.size() > 3) artists.resize(3);
      rows.push_back({html_escape(text_or(segment, "name", "?")), fixed(number_or(segment, "minutes", 0), 0),
                      html_escape(share_list(field(segment, key), 4)), fixed_or_dash(field(segment, "valence"), 2),
                      fixed_or_dash(field(segment, "energy"), 2), html_escape(joined(artists, ", "))});
    }
    html += concat("<h3>By time of day</h3>", table({"segment", "#minutes", key == "moods" ? "mood mix" : "cluster mix",
                                                     "#valence", "#energy", "top artists"},
                                                    rows));
  }
  return html.empty() ? missing("moods") : html;
}

std::string clusters(const nlohmann::json& section_json) {
  const std::string svg = cluster_scatter_svg(section_json);
  if (svg.empty()) return missing("clusters");
  std::vector<std::vector<std::string>> rows;
  nlohmann::json labels = nlohmann::json::array();
  for (const auto& item : field(section_json, "items")) {
    labels.push_back(text_or(item, "label", ""));
    rows.push_back({html_escape(text_or(item, "label", "")), grouped(integer_or(item, "size", 0)),
                    grouped(integer_or(item, "listens", 0))});
  }
  return concat(svg, legend(labels), table({"cluster", "#tracks", "#listens"}, rows));
}

std::string top_list(const nlohmann::json& list, bool tracks) {
  if (!has_items(list, "")) return missing("overview");
  std::vector<std::vector<std::string>> rows;
  for (const auto& item : list) {
    std::vector<std::string> cells = {html_escape(text_or(item, "name", ""))};
    if (tracks) cells.push_back(html_escape(text_or(item, "artist", "")));
    cells.push_back(grouped(integer_or(item, "listens", 0)));
    cells.push_back(fixed(number_or(item, "hours", 0), 1));
    rows.push_back(cells);
  }
  return tracks ? table({"track", "artist", "#listens", "#hours"}, rows)
                : table({"artist", "#listens", "#hours"}, rows);
}

// One short list per time of day, from what the person plays then (`sonic playlist --for`).
std::string day_playlists(const nlohmann::json& section_json) {
  std::string html;
  for (const auto& day_part : section_json) {
    html += concat("<h3>", html_escape(text_or(day_part, "title", "")), "</h3>");
    std::vector<std::vector<std::string>> rows;
    for (const auto& track : field(day_part, "tracks")) {
      rows.push_back({html_escape(text_or(track, "track", "")), html_escape(text_or(track, "artist", "")),
                      grouped(integer_or(track, "plays_in_window", 0))});
    }
    html += rows.empty() ? "<p class=\"missing\">Nothing played at this time of day yet.</p>"
                         : table({"track", "artist", "#plays then"}, rows);
  }
  return html;
}

// A titled table whose every cell is escaped.
std::string escaped_table(const TextTable& text_table) {
  std::string html = text_table.title.empty() ? "" : concat("<h3>", html_escape(text_table.title), "</h3>");
  std::vector<std::vector<std::string>> rows;
  for (const auto& cells : text_table.rows) {
    std::vector<std::string> escaped;
    for (const auto& cell_text : cells) escaped.push_back(html_escape(cell_text));
    rows.push_back(std::move(escaped));
  }
  return html + table(text_table.headers, rows);
}

std::string genres(const nlohmann::json& section_json) {
  const std::string coverage = genre_coverage(section_json);
  std::string html = coverage.empty() ? "" : concat("<p>", html_escape(coverage), "</p>");
  if (integer_or(section_json, "listens_with_genre", 0) <= 0) return html + missing("genres");
  for (const auto& genre_table : genre_tables(section_json)) html += escaped_table(genre_table);
  const auto descriptors = genre_share_items(field(section_json, "descriptors"), 5);
  if (!descriptors.empty()) {
    html += concat("<p>Descriptors, kept apart from genres: ", html_escape(joined(descriptors, " · ")), "</p>");
  }
  return html;
}

std::string catalog_placement(const nlohmann::json& catalogs) {
  std::string html;
  for (const auto& catalog : catalogs) {
    html += concat("<p>", html_escape(catalog_placement_summary(catalog)), "</p>");
    for (const auto& placement_table : catalog_placement_tables(catalog)) html += escaped_table(placement_table);
  }
  return html;
}

std::string drift(const nlohmann::json& section_json) {
  if (!section_json.is_object()) return missing("drift");
  if (!has_items(section_json, "flags")) return "<p>No change over 20%: listening as usual.</p>";
  std::vector<std::vector<std::string>> rows;
  for (const auto& flag : field(section_json, "flags")) {
    const double change = number_or(flag, "change", 0);
    rows.push_back(
        {html_escape(text_or(flag, "label", text_or(flag, "metric", "?"))), fixed_or_dash(field(flag, "baseline"), 2),
         fixed_or_dash(field(flag, "recent"), 2),
         concat(change >= 0 ? "<span class=\"up\">" : "<span class=\"down\">", signed_percent(change), "</span>")});
  }
  return table({"", "#the 30 days before", "#the last 7 days", "#change"}, rows);
}

std::string models(const nlohmann::json& list) {
  if (!has_items(list, "")) return missing("models");
  std::vector<std::vector<std::string>> rows;
  for (const auto& model : list) {
    const std::string metrics = joined(metric_items(field(model, "headline")), ", ");
    rows.push_back({html_escape(text_or(model, "experiment", "?")), html_escape(text_or(model, "status", "")),
                    html_escape(date_part(field(model, "start"))), html_escape(metrics)});
  }
  return table({"model", "status", "trained", "metrics"}, rows);
}

std::string forecast(const nlohmann::json& section_json) {
  const std::string svg = forecast_svg(section_json);
  if (svg.empty()) return missing("forecast");
  const auto lines = forecast_lines(section_json);
  const std::string why = forecast_why(section_json);
  return concat(svg, "<p>", html_escape(lines.empty() ? "" : lines.back()), "</p>",
                why.empty() ? "" : concat("<p>", html_escape(why), "</p>"));
}

std::string narrative(const nlohmann::json& dashboard) {
  const auto& section_json = field(dashboard, "narrative");
  const std::string text = text_or(section_json, "text", "");
  if (text.empty()) return missing("narrative");
  std::string html;
  for (const auto& paragraph : paragraphs(text)) html += concat("<p>", html_escape(paragraph), "</p>");
  const std::string note = narrator_note(dashboard);
  return concat(html, "<p class=\"missing\">Written by the ", html_escape(text_or(section_json, "narrator", "?")),
                " narrator.", note.empty() ? "" : concat(" ", html_escape(note)), "</p>");
}

// `sonic report --compare OTHER`: the score, its parts, shared favourites and bridge artists.
std::string comparison(const nlohmann::json& compared) {
  std::string html = concat(
      "<p>Compatibility with <b>", html_escape(text_or(compared, "other", "?")), "</b>: <b>",
      fixed(field(compared, "score").is_number() ? field(compared, "score").get<double>() : 0.0, 0), " / 100</b></p>");
  std::vector<std::vector<std::string>> parts;
  for (const auto& [name, value] : field(compared, "parts").items()) {
    parts.push_back({html_escape(name), value.is_number() ? fixed(100.0 * value.get<double>(), 1)
                                                          : std::string("n/a (one profile has none)")});
  }
  html += table({"part", "#score"}, parts);
  std::vector<std::vector<std::string>> shared;
  for (const auto& favourite : field(compared, "shared_favourites")) {
    shared.push_back({html_escape(text_or(favourite, "artist", "?")),
                      percent(field(favourite, "share_a").get<double>()),
                      percent(field(favourite, "share_b").get<double>())});
  }
  if (!shared.empty()) html += concat("<h3>Shared favourites</h3>", table({"artist", "#yours", "#theirs"}, shared));
  std::vector<std::vector<std::string>> bridges;
  for (const auto& bridge : field(compared, "bridges")) {
    bridges.push_back({html_escape(text_or(bridge, "artist", "?")), text_or(bridge, "played_by", "") == "a"
                                                                        ? "you play it; they may like it"
                                                                        : "they play it; you may like it"});
  }
  if (!bridges.empty()) html += concat("<h3>Bridge artists</h3>", table({"artist", "why"}, bridges));
  return html;
}

}  // namespace

std::string render_html(const nlohmann::json& dashboard) {
  const std::string title = concat("sonic report: ", period_title(dashboard));
  std::string html = html_page_start(title, concat("Time zone ", text_or(dashboard, "time_zone", ""), " · generated ",
                                                   text_or(dashboard, "generated", "")));
  html += section("overview", "Overview", overview(field(dashboard, "overview")));
  const std::string heatmap = heatmap_svg(field(dashboard, "heatmap"));
  html += section("heatmap", "When you listen (minutes by local weekday and hour)",
                  heatmap.empty() ? missing("overview") : heatmap);
  html += section("moods", "Mood over time", mood_over_time(dashboard));
  html += section("clusters", "Clusters: valence × energy", clusters(field(dashboard, "clusters")));
  html += section("top-artists", "Top artists", top_list(field(dashboard, "top_artists"), false));
  html += section("top-tracks", "Top tracks", top_list(field(dashboard, "top_tracks"), true));
  html += section("genres", "Genres by listening time", genres(field(dashboard, "genres")));
  html += section("drift", "Drift: the last 7 days against the 30 before", drift(field(dashboard, "drift")));
  html += section("models", "Models", models(field(dashboard, "models")));
  html += section("forecast", "The next 24 hours", forecast(field(dashboard, "forecast")));
  html += section("narrative", "In words", narrative(dashboard));
  if (const auto& compared = field(dashboard, "comparison"); compared.is_object()) {
    html += section("compare", "Compatibility", comparison(compared));
  }
  // Only reports that gathered it (`sonic report`) have this section; a dashboard without it renders as before.
  if (has_items(dashboard, "day_playlists")) {
    html += section("day-playlists", "Playlists for your day", day_playlists(field(dashboard, "day_playlists")));
  }
  // Only with a catalog holding some of the period's listens (pipeline/catalog_placement.hpp).
  if (has_items(dashboard, "catalogs")) {
    html += section("catalogs", "Your listening in the catalogs", catalog_placement(field(dashboard, "catalogs")));
  }
  return html + html_page_end();
}

}  // namespace sonic::report
