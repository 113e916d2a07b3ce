// Drift::to_json, its flags, and keeping it in drift_runs.
#include "json_numbers.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/insight/drift.hpp"
#include "sonic/store/insight_store.hpp"

namespace sonic::insight {
namespace {

using nlohmann::json;

constexpr int kFigureDecimals = 3;

json metric_json(const DriftMetric& metric) {
  return {{"recent", rounded_or_null(metric.recent, kFigureDecimals)},
          {"baseline", rounded_or_null(metric.baseline, kFigureDecimals)},
          {"change", rounded_or_null(metric.change, kFigureDecimals)},
          {"flagged", metric.flagged}};
}

json distribution_json(const json& recent, const json& baseline, const DriftMetric& metric) {
  return {{"recent", recent},
          {"baseline", baseline},
          {"change", rounded_or_null(metric.change, kFigureDecimals)},
          {"flagged", metric.flagged}};
}

json hours_json(const std::array<double, 24>& shares) {
  json array = json::array();
  for (const double share : shares) array.push_back(rounded(share, kFigureDecimals));
  return array;
}

json moods_json(const std::map<std::string, double>& shares) {
  json object = json::object();
  for (const auto& [mood, share] : shares) object[mood] = rounded(share, kFigureDecimals);
  return object;
}

}  // namespace

std::vector<std::string> Drift::flags() const {
  std::vector<std::string> names;
  for (const auto& [name, metric] :
       {std::pair{"session_minutes", &session_minutes}, std::pair{"sessions_per_day", &sessions_per_day},
        std::pair{"tracks_per_day", &tracks_per_day}, std::pair{"start_hour_entropy", &start_hour_entropy},
        std::pair{"start_hours", &start_hours}, std::pair{"mood_mix", &mood_mix}}) {
    if (metric->flagged) names.emplace_back(name);
  }
  return names;
}

json Drift::to_json() const {
  constexpr std::int64_t kDayMs = 86'400'000;
  const std::int64_t recent_from = window_end_ms - kRecentDays * kDayMs;
  const std::int64_t baseline_from = recent_from - kBaselineDays * kDayMs;
  return {{"window",
           {{"time_zone", time_zone},
            {"recent_days", kRecentDays},
            {"baseline_days", kBaselineDays},
            {"baseline_from", format_iso8601_utc(baseline_from)},
            {"recent_from", format_iso8601_utc(recent_from)},
            {"end", format_iso8601_utc(window_end_ms)},
            {"end_ms", window_end_ms},
            {"threshold", kDriftThreshold}}},
          {"metrics",
           {{"session_minutes", metric_json(session_minutes)},
            {"sessions_per_day", metric_json(sessions_per_day)},
            {"tracks_per_day", metric_json(tracks_per_day)},
            {"start_hour_entropy", metric_json(start_hour_entropy)},
            {"start_hours",
             distribution_json(hours_json(recent_start_hours), hours_json(baseline_start_hours), start_hours)},
            {"mood_mix", distribution_json(moods_json(recent_moods), moods_json(baseline_moods), mood_mix)}}},
          {"flags", flags()}};
}

std::int64_t store_drift(store::Database& db, const Drift& drift, std::int64_t computed_ms) {
  return store::insert_drift_run(db, computed_ms, drift.window_end_ms, drift.to_json().dump());
}

}  // namespace sonic::insight
