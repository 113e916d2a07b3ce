#include "sonic/sim/civil_time.hpp"

#include <cstdio>

namespace sonic::sim {

std::int64_t days_from_civil(const CivilDate& date) {
  const std::int64_t year = date.month <= 2 ? date.year - 1 : date.year;
  const std::int64_t era = floor_div(year, 400);
  const std::int64_t year_of_era = year - era * 400;
  const std::int64_t month_from_march = date.month > 2 ? date.month - 3 : date.month + 9;
  const std::int64_t day_of_year = (153 * month_from_march + 2) / 5 + date.day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = floor_div(days, 146097);
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t month_from_march = (5 * day_of_year + 2) / 153;
  const std::int64_t day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
  const std::int64_t month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
  const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return CivilDate{static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

int weekday_from_days(std::int64_t days) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  return static_cast<int>(days + 3 - floor_div(days + 3, 7) * 7);
}

bool is_weekend(std::int64_t days) { return weekday_from_days(days) >= 5; }

bool is_valid_date(const CivilDate& date) {
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.year < 1 || date.year > 9999) {
    return false;
  }
  // A date is real when it survives the round trip (31 February becomes 3 March).
  const CivilDate round_trip = civil_from_days(days_from_civil(date));
  return round_trip.year == date.year && round_trip.month == date.month &&
         round_trip.day == date.day;
}

std::string format_utc_timestamp(std::int64_t epoch_seconds) {
  const std::int64_t days = floor_div(epoch_seconds, 86400);
  const std::int64_t second_of_day = epoch_seconds - days * 86400;
  const CivilDate date = civil_from_days(days);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", date.year, date.month,
                date.day, static_cast<int>(second_of_day / 3600),
                static_cast<int>(second_of_day / 60 % 60), static_cast<int>(second_of_day % 60));
  return text;
}

}  // namespace sonic::sim
