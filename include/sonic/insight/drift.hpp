#pragma once
// How listening is changing: the last 7 days against the 30 before them.
//
//   const Drift drift = compute_drift(db, zone, std::nullopt);  // ends at the newest listen
//   store_drift(db, drift, now_utc_ms());                       // kept per run (drift_runs)
//
// Sessions (the sessions table) and listens belong to the window their start falls in:
// recent = [end - 7 d, end), baseline = [end - 37 d, end - 7 d). Scalar metrics change
// relatively, (recent - baseline) / baseline; the two distributions (start hours, mood mix)
// change by their total-variation distance, the share of starts or plays that would have to
// move for one to become the other. Either kind is flagged above 20 %. A change that cannot be
// computed (an empty window, a zero baseline) is null and never flagged.
#include <array>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sonic/core/time_zone.hpp"
#include "sonic/store/database.hpp"

namespace sonic::insight {

inline constexpr int kRecentDays = 7;
inline constexpr int kBaselineDays = 30;
inline constexpr double kDriftThreshold = 0.20;

struct DriftMetric {
  std::optional<double> recent;
  std::optional<double> baseline;
  std::optional<double> change;  // relative, or a distance for distributions
  bool flagged = false;
};

struct Drift {
  std::string time_zone;
  std::int64_t window_end_ms = 0;  // exclusive end of the recent window
  DriftMetric session_minutes;     // mean session length
  DriftMetric sessions_per_day;
  DriftMetric tracks_per_day;                   // listens per day
  DriftMetric start_hour_entropy;               // bits, of the local start hours of sessions
  std::array<double, 24> recent_start_hours{};  // share of session starts in each local hour
  std::array<double, 24> baseline_start_hours{};
  DriftMetric start_hours;                     // recent/baseline unset; change = total-variation distance
  std::map<std::string, double> recent_moods;  // share of listens whose track has a mood
  std::map<std::string, double> baseline_moods;
  DriftMetric mood_mix;  // recent/baseline unset; change = total-variation distance

  // The names of the flagged metrics, in the JSON's order.
  std::vector<std::string> flags() const;
  nlohmann::json to_json() const;
};

// `end_ms`: the exclusive end of the recent window; by default just after the newest listen's
// start. An empty store gives a drift with nothing flagged.
Drift compute_drift(store::Database& db, const TimeZone& zone, std::optional<std::int64_t> end_ms);

// Appends the drift to drift_runs; returns the row id.
std::int64_t store_drift(store::Database& db, const Drift& drift, std::int64_t computed_ms);

}  // namespace sonic::insight
