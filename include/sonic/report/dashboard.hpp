#pragma once
// The dashboard: everything a report shows, as one JSON object with stable keys. `sonic report
// --format json` prints it; the terminal, Markdown and HTML renderers read only it, so each can
// be tested from hand-made JSON. Absent data is null (or an empty list), never an error: the
// renderers say what to run to get it.
//
//   "format": "sonic.dashboard/1", "generated": ISO UTC, "time_zone": IANA name,
//   "period": {"name", "days", "year", "from", "to"}                       (report/period.hpp)
//   "overview": {"listens", "plays", "hours", "tracks", "artists", "days_with_listens",
//                "from", "to" (ISO UTC of the first start / last end, or null), "time_zone"}
//   "heatmap": {"unit": "minutes", "weekdays", "minutes": [7][24], "max"}  (report/heatmap.hpp)
//   "mood_over_time": {"bucket": "week" | "month", "moods": [names, most listened first],
//                      "clusters": [labels, by cluster number as in "clusters"],
//                      "buckets": [{"start": "YYYY-MM-DD", "label", "listens",
//                                   "moods": {name: share}, "clusters": {label: share}}],
//                      "total": {"listens", "moods": {…}, "clusters": {…}}}
//       shares are of the bucket's listens whose track has a mood (a cluster), 0..1
//   "clusters": {"model_id" | null, "items": [{"cluster", "label", "size", "listens",
//                "valence", "energy" (means of the members' audio features, or null),
//                "points": [[valence, energy], …] (members heard in the period, ≤ 80)}]}
//   "top_artists": [{"name", "listens", "hours"}], "top_tracks": [{"name", "artist", "listens",
//                "hours"}]
//   "models": [{"experiment", "experiment_id", "run_id", "run_name", "status", "start", "end",
//               "metrics": {…}, "params": {…}}]  (entries of `sonic runs --json`, by experiment)
//
// Sections the caller computes (insight/, session/) and passes in, shown as given:
//   "segments": {"segments": [{"name": "Weekday morning", "minutes": number,
//                              "moods": {mood: share 0..1}, "top_artists": [names]}]}
//   "drift": {"recent_days": 7, "baseline_days": 30,
//             "flags": [{"metric": "sessions_per_day", "label": "sessions per day",
//                        "recent": number, "baseline": number, "change": relative, e.g. 0.25}]}
//   "forecast": {"from": ISO UTC, "model_id", "hours": [{"start": ISO UTC, "hour": local 0..23,
//                "probability": 0..1}] × 24}
//   "narrative": {"narrator": "offline" | "openai:<model>", "text": paragraphs split by "\n\n"}
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "sonic/core/time_zone.hpp"
#include "sonic/report/period.hpp"
#include "sonic/store/database.hpp"
#include "sonic/tracking/mlflow_store.hpp"

namespace sonic::report {

inline constexpr const char* kDashboardFormat = "sonic.dashboard/1";

struct DashboardInputs {
  std::optional<nlohmann::json> segments = std::nullopt;
  std::optional<nlohmann::json> drift = std::nullopt;
  std::optional<nlohmann::json> forecast = std::nullopt;
  std::optional<nlohmann::json> narrative = std::nullopt;
  nlohmann::json models = nlohmann::json::array();  // models_section(list_runs(home.runs()))
  std::int64_t now_ms = 0;                          // "generated"; tests pass a fixed time
  int top = 10;                                     // top artists and tracks
};

nlohmann::json build_dashboard(store::Database& db, const TimeZone& zone, const Period& period,
                               const DashboardInputs& inputs);

// The start of the newest listen, for relative periods; nullopt in an empty store.
std::optional<std::int64_t> newest_listen_start(store::Database& db);

// The latest finished run of each experiment (else its latest run), by experiment name.
nlohmann::json models_section(const std::vector<tracking::RunSummary>& runs_newest_first);

}  // namespace sonic::report
