#pragma once
// The real local hours of a stretch of time: a day that springs forward has 23 of them, one that
// falls back has 25 (the repeated hour counts twice, as it was lived twice).
#include <cstdint>
#include <vector>

#include "sonic/core/time_zone.hpp"

namespace sonic::features {

// The first instant at or after `utc_ms` at which the local clock shows a whole hour.
std::int64_t next_local_hour_start(const TimeZone& zone, std::int64_t utc_ms);

// The start (UTC ms) of every local hour that begins in [from_ms, to_ms), in order.
std::vector<std::int64_t> local_hour_starts(const TimeZone& zone, std::int64_t from_ms, std::int64_t to_ms);

}  // namespace sonic::features
