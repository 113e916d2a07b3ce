#include "sonic/report/insight_sections.hpp"

#include <cctype>

#include "report_format.hpp"

namespace sonic::report {
namespace {

using detail::field;
using detail::number_or;
using nlohmann::json;

// The order the terminal lists drift flags in, and the words it uses.
struct DriftMetricName {
  const char* metric;
  const char* label;
  bool distribution;  // recent and baseline are shares per hour or mood, the change a distance
};
constexpr DriftMetricName kDriftMetrics[] = {
    {"session_minutes", "session length (minutes)", false},
    {"sessions_per_day", "sessions per day", false},
    {"tracks_per_day", "tracks per day", false},
    {"start_hour_entropy", "start-hour spread (bits)", false},
    {"start_hours", "start hours (share moved)", true},
    {"mood_mix", "mood mix (share moved)", true},
};

std::string capitalised(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

json object_or_empty(const json& value) { return value.is_object() ? value : json::object(); }

json artist_names(const json& artists) {
  json names = json::array();
  if (!artists.is_array()) return names;
  for (const auto& artist : artists) names.push_back(detail::text_or(artist, "name", ""));
  return names;
}

}  // namespace

json segments_section(const json& profile) {
  if (number_or(field(profile, "overall"), "plays", 0) <= 0) return nullptr;
  json segments = json::array();
  for (const auto& segment : field(profile, "segments")) {
    segments.push_back({{"name", capitalised(detail::text_or(segment, "name", "?"))},
                        {"minutes", detail::rounded(number_or(segment, "hours", 0) * 60, 1)},
                        {"share", number_or(segment, "share", 0)},
                        {"listens", detail::integer_or(segment, "plays", 0)},
                        {"moods", object_or_empty(field(segment, "mood_mix"))},
                        {"clusters", object_or_empty(field(segment, "cluster_mix"))},
                        {"valence", field(segment, "mean_valence")},
                        {"energy", field(segment, "mean_energy")},
                        {"danceability", field(segment, "mean_danceability")},
                        {"top_artists", artist_names(field(segment, "top_artists"))}});
  }
  return {{"boundaries", object_or_empty(field(profile, "segment_boundaries"))}, {"segments", segments}};
}

json drift_section(const json& drift) {
  const json& metrics = field(drift, "metrics");
  bool compared = false;
  json flags = json::array();
  for (const auto& name : kDriftMetrics) {
    const json& metric = field(metrics, name.metric);
    if (!field(metric, "change").is_number()) continue;
    compared = true;
    if (field(metric, "flagged") != true) continue;
    flags.push_back({{"metric", name.metric},
                     {"label", name.label},
                     {"recent", name.distribution ? json(nullptr) : field(metric, "recent")},
                     {"baseline", name.distribution ? json(nullptr) : field(metric, "baseline")},
                     {"change", field(metric, "change")}});
  }
  if (!compared) return nullptr;
  const json& window = field(drift, "window");
  return {{"recent_days", field(window, "recent_days")},
          {"baseline_days", field(window, "baseline_days")},
          {"end", field(window, "end")},
          {"threshold", field(window, "threshold")},
          {"flags", flags}};
}

json forecast_section(const SessionForecastResult& forecast) { return to_json(forecast); }

json narrative_section(const insight::Narrative& narrative) {
  return {{"narrator", narrative.narrator}, {"text", narrative.text}, {"cached", narrative.cached}};
}

}  // namespace sonic::report
