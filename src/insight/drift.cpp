#include "sonic/insight/drift.hpp"

#include <cmath>
#include <set>

#include "json_numbers.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/insight/period.hpp"
#include "sonic/store/insight_store.hpp"
#include "sonic/store/listen_details.hpp"
#include "sonic/store/session_store.hpp"

namespace sonic::insight {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

struct WindowFigures {
  std::optional<double> session_minutes;
  double sessions_per_day = 0;
  double tracks_per_day = 0;
  std::optional<double> start_hour_entropy;
  std::array<double, 24> start_hours{};
  std::map<std::string, double> moods;
};

std::optional<double> entropy_bits(const std::array<double, 24>& shares, bool any) {
  if (!any) return std::nullopt;
  double bits = 0;
  for (const double share : shares) {
    if (share > 0) bits -= share * std::log2(share);
  }
  return bits;
}

WindowFigures figures_of(store::Database& db, const TimeZone& zone, std::int64_t from_ms, std::int64_t to_ms,
                         int days) {
  WindowFigures figures;
  const auto sessions = store::sessions_starting_within(db, {from_ms, to_ms});
  std::int64_t total_ms = 0;
  std::int64_t listens = 0;
  for (const auto& session : sessions) {
    total_ms += session.end_ms - session.start_ms;
    listens += session.plays;
    figures.start_hours[static_cast<std::size_t>(zone.local(session.start_ms).hour)] += 1;
  }
  const auto count = static_cast<double>(sessions.size());
  if (!sessions.empty()) {
    figures.session_minutes = static_cast<double>(total_ms) / 60'000.0 / count;
    for (double& share : figures.start_hours) share /= count;
  }
  figures.sessions_per_day = count / days;
  figures.tracks_per_day = static_cast<double>(listens) / days;
  figures.start_hour_entropy = entropy_bits(figures.start_hours, !sessions.empty());

  const auto moods = store::listen_moods(db, from_ms, to_ms);
  for (const auto& mood : moods) figures.moods[mood] += 1;
  for (auto& [mood, share] : figures.moods) share /= static_cast<double>(moods.size());
  return figures;
}

DriftMetric relative(std::optional<double> recent, std::optional<double> baseline) {
  DriftMetric metric{recent, baseline, std::nullopt, false};
  if (recent && baseline && *baseline != 0) {
    metric.change = (*recent - *baseline) / *baseline;
    metric.flagged = std::abs(*metric.change) > kDriftThreshold;
  }
  return metric;
}

// Half the sum of absolute differences: 0 for equal distributions, 1 for disjoint ones.
template <typename Shares>
DriftMetric distance(const Shares& recent, const Shares& baseline, bool both_present) {
  DriftMetric metric;
  if (!both_present) return metric;
  double sum = 0;
  if constexpr (std::is_same_v<Shares, std::map<std::string, double>>) {
    std::set<std::string> labels;
    for (const auto& [label, share] : recent) labels.insert(label);
    for (const auto& [label, share] : baseline) labels.insert(label);
    for (const auto& label : labels) {
      const auto r = recent.find(label);
      const auto b = baseline.find(label);
      sum += std::abs((r == recent.end() ? 0 : r->second) - (b == baseline.end() ? 0 : b->second));
    }
  } else {
    for (std::size_t i = 0; i < recent.size(); ++i) sum += std::abs(recent[i] - baseline[i]);
  }
  metric.change = sum / 2;
  metric.flagged = *metric.change > kDriftThreshold;
  return metric;
}

}  // namespace

Drift compute_drift(store::Database& db, const TimeZone& zone, std::optional<std::int64_t> end_ms) {
  Drift drift;
  drift.time_zone = zone.name();
  drift.window_end_ms = end_ms ? *end_ms : resolve_period(db, zone, Period::all()).to_ms;
  const std::int64_t recent_from = drift.window_end_ms - kRecentDays * kDayMs;
  const std::int64_t baseline_from = recent_from - kBaselineDays * kDayMs;
  const auto recent = figures_of(db, zone, recent_from, drift.window_end_ms, kRecentDays);
  const auto baseline = figures_of(db, zone, baseline_from, recent_from, kBaselineDays);

  drift.session_minutes = relative(recent.session_minutes, baseline.session_minutes);
  drift.sessions_per_day = relative(recent.sessions_per_day, baseline.sessions_per_day);
  drift.tracks_per_day = relative(recent.tracks_per_day, baseline.tracks_per_day);
  drift.start_hour_entropy = relative(recent.start_hour_entropy, baseline.start_hour_entropy);
  drift.recent_start_hours = recent.start_hours;
  drift.baseline_start_hours = baseline.start_hours;
  drift.start_hours =
      distance(recent.start_hours, baseline.start_hours, recent.start_hour_entropy && baseline.start_hour_entropy);
  drift.recent_moods = recent.moods;
  drift.baseline_moods = baseline.moods;
  drift.mood_mix = distance(recent.moods, baseline.moods, !recent.moods.empty() && !baseline.moods.empty());
  return drift;
}

}  // namespace sonic::insight

// Drift::to_json, its flags, and keeping it in drift_runs.
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
