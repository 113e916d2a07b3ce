#pragma once
// Calendar arithmetic on plain integers (Howard Hinnant's algorithms), so the simulator needs no
// time zone database, no gmtime/localtime and no process-wide TZ: the listener lives at a fixed
// UTC offset and every instant is an integer count from the Unix epoch.
#include <cstdint>
#include <string>

#include "sonic/sim/options.hpp"

namespace sonic::sim {

// Days since 1970-01-01 (negative before it), for a proleptic Gregorian date.
std::int64_t days_from_civil(const CivilDate& date);
CivilDate civil_from_days(std::int64_t days);

// 0 = Monday … 6 = Sunday, for a count from days_from_civil.
int weekday_from_days(std::int64_t days);
bool is_weekend(std::int64_t days);

bool is_valid_date(const CivilDate& date);

// "YYYY-MM-DDTHH:MM:SSZ", the export's `ts`, for seconds since the Unix epoch in UTC.
std::string format_utc_timestamp(std::int64_t epoch_seconds);

// Floor division, which C++'s `/` is not for negative numbers (instants before 1970, or a local
// day shifted across the epoch by a negative offset).
constexpr std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
  const std::int64_t quotient = value / divisor;
  return (value % divisor != 0 && ((value < 0) != (divisor < 0))) ? quotient - 1 : quotient;
}

}  // namespace sonic::sim
