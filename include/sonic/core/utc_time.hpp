#pragma once
// UTC timestamps as milliseconds since the Unix epoch: the one time representation in the store.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sonic {

inline constexpr std::int64_t kMsPerSecond = 1000;
inline constexpr std::int64_t kMsPerMinute = 60 * kMsPerSecond;
inline constexpr std::int64_t kMsPerHour = 60 * kMsPerMinute;
inline constexpr std::int64_t kMsPerDay = 24 * kMsPerHour;

// A calendar date with no time zone.
struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

// Days since 1970-01-01 of a proleptic Gregorian date (valid for any year of int range).
std::int64_t days_from_civil(int year, int month, int day);
inline std::int64_t days_from_civil(const CivilDate& date) { return days_from_civil(date.year, date.month, date.day); }
CivilDate civil_from_days(std::int64_t days);

// Floor division, which C++'s `/` is not for negative numbers (instants before 1970).
constexpr std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
  const std::int64_t quotient = value / divisor;
  return (value % divisor != 0 && ((value < 0) != (divisor < 0))) ? quotient - 1 : quotient;
}

// 0 = Monday … 6 = Sunday, for a count of days since 1970-01-01 (a Thursday).
constexpr int weekday_from_days(std::int64_t days) { return static_cast<int>(days + 3 - floor_div(days + 3, 7) * 7); }

// "2013-04-16T06:56:15Z", with an optional fraction ("…:00.381Z") and optional "+00:00".
// Returns nullopt when the text is not such a timestamp.
std::optional<std::int64_t> parse_iso8601_utc(std::string_view text);

// The basic export's "2024-05-06 18:43" (UTC, minute precision).
std::optional<std::int64_t> parse_minute_utc(std::string_view text);

// "2024-05-06T18:43:00.000Z"
std::string format_iso8601_utc(std::int64_t ms);

std::int64_t now_utc_ms();

}  // namespace sonic
