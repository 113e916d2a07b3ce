#pragma once
// The hourly session dataset: one row per real local hour, describing only what was known when
// the hour began, and whether a listening session started within it.
//
// Known at the start t of an hour: which sessions had started (and when, in local time), how
// long the sessions that had already ended lasted, and which listens had started. A session
// still running at t tells its start, never its length. Training rows and the rows of a
// forecast are built by this one function, so a model sees at prediction exactly what it saw
// in training (for a future hour, as if nothing happened between now and then).
#include <Eigen/Dense>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sonic/core/time_zone.hpp"
#include "sonic/records/session_history.hpp"

namespace sonic::features {

// The columns, in order.
enum class SessionFeature : int {
  hour,          // local hour of day, 0..23
  weekday,       // 0 = Monday … 6 = Sunday
  day_of_month,  // 1..31
  hour_sin,      // the hour on a circle, so 23:00 sits next to 0:00
  hour_cos,
  weekday_sin,  // the weekday on a circle, so Sunday sits next to Monday
  weekday_cos,
  weekend,                  // 1 on Saturday and Sunday
  starts_this_hour_7d,      // sessions started at this local hour of day in the last 7 days
  starts_this_hour_30d,     // … in the last 30 days
  hours_since_last_start,   // NaN before the first session
  mean_session_minutes_7d,  // of sessions started and ended in the last 7 days; NaN if none
  listens_7d,               // listens started in the last 7 days
  listens_30d,
  // A person's rhythm (issue 15). Every "N days ago" is N × 24 h before the row's start, so an
  // hour-long slot that ended before the row began.
  day_of_year,                      // local, 1..366: seasons, and the breaks that come back each year
  started_same_hour_1d_ago,         // 1 when a session started in [start − 24 h, start − 23 h)
  started_same_hour_7d_ago,         // … one week before: the same weekday and hour
  started_same_hour_14d_ago,        // … two weeks before
  started_same_hour_21d_ago,        // … three weeks before
  started_same_hour_28d_ago,        // … four weeks before
  starts_same_hour_last_4_weeks,    // the sum of the four, 0..4
  minutes_since_last_listen,        // since the latest listen that started before; NaN before any
  active_day_share_7d,              // share of the 7 local days before the row's day with a listen
  active_day_share_28d,             // … of the 28 local days before it
  active_weeks_52w,                 // of the 52 weeks before the start, how many had a listen
  hour_of_week_rate_52w,            // sessions started at this local weekday-hour in the last 52
                                    // weeks, per active week (NaN with none)
  active_days_same_week_last_year,  // local days with a listen among the 7 centred on 364 days
                                    // before (the same weekday): last year's holidays show as 0
};
inline constexpr int kSessionFeatureCount = 27;
// The first columns, the model of issue 9 (before the rhythm features): bench/ compares with it.
inline constexpr int kFirstSessionFeatureCount = 14;

// How far back a row looks: 52 weeks, and the week around the same day a year before.
inline constexpr std::int64_t kSessionLookBackDays = 372;

// The column names, as written into model files.
const std::vector<std::string>& session_feature_names();

struct SessionDataset {
  std::vector<std::int64_t> hour_starts_ms;
  Eigen::MatrixXd features;  // rows = hours, columns = SessionFeature
  Eigen::VectorXi labels;    // 1 when a session started within [start, start + 1 h)
};

// One row per entry of `hour_starts_ms` (local hour starts, see local_hours.hpp).
SessionDataset build_session_dataset(const records::SessionHistory& history, const TimeZone& zone,
                                     std::span<const std::int64_t> hour_starts_ms);

// What the rows of hours at or after `from_ms` read when only the history before `from_ms` is
// known (a forecast): the sessions and listens of the kSessionLookBackDays days before it, and
// the last session and the last listen before those. build_session_dataset gives the same rows from it as from the
// whole history cut at `from_ms`, at a cost that does not grow with the history. `history` is sorted by start, as
// store::read_session_history returns it.
records::SessionHistory history_known_at(const records::SessionHistory& history, std::int64_t from_ms);

}  // namespace sonic::features
