#include "sonic/core/utc_time.hpp"

#include <chrono>
#include <cstdio>

namespace sonic {

// Howard Hinnant's days_from_civil / civil_from_days algorithms (public domain formulas).
std::int64_t days_from_civil(int year, int month, int day) {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t year_of_era = y - era * 400;
  const std::int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t mp = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

namespace {

// Reads exactly `width` digits at text[at]; -1 if any is not a digit.
int digits(std::string_view text, std::size_t at, std::size_t width) {
  if (at + width > text.size()) return -1;
  int value = 0;
  for (std::size_t i = at; i < at + width; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool valid_date_time(int year, int month, int day, int hour, int minute, int second) {
  static constexpr int kDaysInMonth[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > kDaysInMonth[month - 1]) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return false;
  return hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 61;
}

std::int64_t to_ms(int year, int month, int day, int hour, int minute, int second, int millis) {
  return days_from_civil(year, month, day) * kMsPerDay + hour * kMsPerHour + minute * kMsPerMinute +
         second * kMsPerSecond + millis;
}

// "YYYY-MM-DD?HH:MM" common to both formats, with `separator` between date and time.
bool parse_date_hour_minute(std::string_view text, char separator, int (&out)[5]) {
  if (text.size() < 16 || text[4] != '-' || text[7] != '-' || text[10] != separator || text[13] != ':') {
    return false;
  }
  out[0] = digits(text, 0, 4);
  out[1] = digits(text, 5, 2);
  out[2] = digits(text, 8, 2);
  out[3] = digits(text, 11, 2);
  out[4] = digits(text, 14, 2);
  for (int part : out) {
    if (part < 0) return false;
  }
  return true;
}

}  // namespace

std::optional<std::int64_t> parse_iso8601_utc(std::string_view text) {
  int parts[5];
  if (!parse_date_hour_minute(text, 'T', parts) || text.size() < 20 || text[16] != ':') {
    return std::nullopt;
  }
  const int second = digits(text, 17, 2);
  if (second < 0) return std::nullopt;
  std::size_t at = 19;
  int millis = 0;
  if (at < text.size() && text[at] == '.') {
    ++at;
    int scale = 100;
    const std::size_t first_digit = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
      millis += (text[at] - '0') * scale;  // digits past the third are below a millisecond
      scale /= 10;
      ++at;
    }
    if (at == first_digit) return std::nullopt;
  }
  const std::string_view zone = text.substr(at);
  if (zone != "Z" && zone != "+00:00" && zone != "+0000") return std::nullopt;
  if (!valid_date_time(parts[0], parts[1], parts[2], parts[3], parts[4], second)) return std::nullopt;
  return to_ms(parts[0], parts[1], parts[2], parts[3], parts[4], second, millis);
}

std::optional<std::int64_t> parse_minute_utc(std::string_view text) {
  int parts[5];
  if (text.size() != 16 || !parse_date_hour_minute(text, ' ', parts)) return std::nullopt;
  if (!valid_date_time(parts[0], parts[1], parts[2], parts[3], parts[4], 0)) return std::nullopt;
  return to_ms(parts[0], parts[1], parts[2], parts[3], parts[4], 0, 0);
}

std::string format_iso8601_utc(std::int64_t ms) {
  std::int64_t days = ms / kMsPerDay;
  std::int64_t rest = ms % kMsPerDay;
  if (rest < 0) {
    rest += kMsPerDay;
    --days;
  }
  const CivilDate date = civil_from_days(days);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", date.year, date.month, date.day,
                static_cast<int>(rest / kMsPerHour), static_cast<int>(rest % kMsPerHour / kMsPerMinute),
                static_cast<int>(rest % kMsPerMinute / kMsPerSecond), static_cast<int>(rest % kMsPerSecond));
  return buffer;
}

std::int64_t now_utc_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace sonic
