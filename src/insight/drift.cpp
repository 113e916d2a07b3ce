#include "sonic/insight/drift.hpp"

#include <cmath>
#include <set>

#include "sonic/insight/period.hpp"
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
