#pragma once
// The dashboard: everything a report shows, as one JSON object with stable keys. `sonic report
// --format json` prints it; the terminal, Markdown and HTML renderers read only it, so each can
// be tested from hand-made JSON. Absent data is null (or an empty list), never an error: the
// renderers say what to run to get it.
//
//   "format": "sonic.dashboard/1", "generated": ISO UTC, "time_zone": IANA name,
//   "period": {"name" ("last 30 days", "2024", "all time"), "days", "year", "from", "to"}
//       (insight/period.hpp: from/to are the half-open span of listen starts, ISO UTC; null in an
//       empty store)
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
//   "genres": {"listens", "listens_with_genre", "known_share", "hours", "hours_with_genre",
//              "by_source": {"lastfm_track" | "lastfm_artist" | "catalog_track" | "catalog_artist": listens},
//              "top": [{"genre", "hours", "share"}], "descriptors": [{"descriptor", "hours", "share"}],
//              "years": [{"year", "listens", "listens_with_genre", "hours", "hours_with_genre", "top"}],
//              "times_of_day": [{"time_of_day", "from_hour", "to_hour", …as years}] × 4}
//       (taste/genre_summary.hpp; shares are of the slice's hours with a known genre)
//   "catalogs": [one per imported catalog holding some of the period's listens, by Spotify ID]
//       (pipeline/catalog_placement.hpp; only `sonic report` adds it, and only when non-empty)
//   "models": [{"experiment", "experiment_id", "run_id", "run_name", "status", "start", "end",
//               "metrics": {…}, "params": {…}, "headline": {the metrics reports show}}]
//             (entries of `sonic runs --json`, the latest per experiment)
//
// Sections the caller computes (insight/, session/) and passes in, shown as given. Their shapes
// are made from insight's and session's own JSON in one place, report/insight_sections.hpp:
//   "segments": {"boundaries": {"morning": 5, "afternoon": 12, "evening": 17, "night": 22},
//                "segments": [{"name": "Weekday morning", "minutes", "share" (of the period's
//                              listening time), "listens", "moods": {mood: share 0..1},
//                              "clusters": {label: share}, "valence", "energy", "danceability"
//                              (means, or null), "top_artists": [names]}] × 8}
//       null when the period has no listens
//   "drift": {"recent_days": 7, "baseline_days": 30, "end": ISO UTC (exclusive end of the last
//             7 days), "threshold": 0.2,
//             "flags": [{"metric": "sessions_per_day", "label": "sessions per day",
//                        "recent", "baseline" (numbers; null for the two distributions),
//                        "change": relative, e.g. 0.25; for "start_hours" and "mood_mix" the
//                        share of starts or plays that moved}]}
//       null when no metric could be compared (less than 37 days of listening)
//   "forecast": {"from": ISO UTC, "model_id", "time_zone",
//                "hours": [{"start": ISO UTC, "local": "YYYY-MM-DDTHH:00", "hour": local 0..23,
//                           "weekday", "probability": 0..1}] × 24,
//                "likeliest": [the three likeliest hours, as in "hours", with
//                              "reasons": [{"factor", "contribution", "text"}]]}
//       (report/session_forecast_report.hpp, as `sonic predict session --json`); null without a session
//       model
//   "narrative": {"narrator": "offline" | "openai:<model>", "text": paragraphs split by "\n\n",
//                 "cached": true when an online narrative came from the narratives table}
//       null when the period has no listens
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "sonic/core/time_zone.hpp"
#include "sonic/insight/period.hpp"
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

// The listen starts a dashboard covers: the period's span, or every time for all time (whose
// plays then also count the skips and episodes around the listens).
insight::PeriodSpan dashboard_span(store::Database& db, const TimeZone& zone, const insight::Period& period);

nlohmann::json build_dashboard(store::Database& db, const TimeZone& zone, const insight::Period& period,
                               const DashboardInputs& inputs);

}  // namespace sonic::report
