#include "sonic/features/local_hours.hpp"

#include "sonic/core/utc_time.hpp"

namespace sonic::features {

std::int64_t next_local_hour_start(const TimeZone& zone, std::int64_t utc_ms) {
  const LocalTime local = zone.local(utc_ms);
  const std::int64_t into_hour = (local.minute * kMsPerMinute + local.second * kMsPerSecond) +
                                 (utc_ms - floor_div(utc_ms, kMsPerSecond) * kMsPerSecond);
  return into_hour == 0 ? utc_ms : utc_ms - into_hour + kMsPerHour;
}

std::vector<std::int64_t> local_hour_starts(const TimeZone& zone, std::int64_t from_ms, std::int64_t to_ms) {
  std::vector<std::int64_t> starts;
  // Clocks change by whole hours at whole hours (in every zone but a few tiny islands), so
  // after the first boundary each local hour starts exactly one real hour after the previous;
  // snapping again after each step keeps even a half-hour change on the local clock's hours.
  for (std::int64_t at = next_local_hour_start(zone, from_ms); at < to_ms;
       at = next_local_hour_start(zone, at + kMsPerHour)) {
    starts.push_back(at);
  }
  return starts;
}

}  // namespace sonic::features
