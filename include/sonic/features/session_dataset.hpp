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
};
inline constexpr int kSessionFeatureCount = 14;

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
// known (a forecast): the sessions and listens of the 30 days before it, and the last session
// start before those. build_session_dataset gives the same rows from it as from the whole
// history cut at `from_ms`, at a cost that does not grow with the history. `history` is sorted by
// start, as store::read_session_history returns it.
records::SessionHistory history_known_at(const records::SessionHistory& history, std::int64_t from_ms);

}  // namespace sonic::features
