#pragma once
// Calendar helpers of the simulator, on top of core/utc_time: the listener lives at a fixed UTC
// offset, so every instant is an integer count from the Unix epoch and no time zone database
// or process-wide TZ is involved.
#include <cstdint>
#include <string>

#include "sonic/core/utc_time.hpp"
#include "sonic/sim/options.hpp"

namespace sonic::sim {

inline bool is_weekend(std::int64_t days) { return weekday_from_days(days) >= 5; }

bool is_valid_date(const CivilDate& date);

// "YYYY-MM-DDTHH:MM:SSZ", the export's `ts`, for seconds since the Unix epoch in UTC.
std::string format_utc_timestamp(std::int64_t epoch_seconds);

}  // namespace sonic::sim
