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

// Days since 1970-01-01 of a proleptic Gregorian date (valid for any year of int range).
std::int64_t days_from_civil(int year, int month, int day);

struct CivilDate {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};
CivilDate civil_from_days(std::int64_t days);

// "2013-04-16T06:56:15Z", with an optional fraction ("…:00.381Z") and optional "+00:00".
// Returns nullopt when the text is not such a timestamp.
std::optional<std::int64_t> parse_iso8601_utc(std::string_view text);

// The basic export's "2024-05-06 18:43" (UTC, minute precision).
std::optional<std::int64_t> parse_minute_utc(std::string_view text);

// "2024-05-06T18:43:00.000Z"
std::string format_iso8601_utc(std::int64_t ms);

std::int64_t now_utc_ms();

}  // namespace sonic
