#include "sonic/sim/civil_time.hpp"

namespace sonic::sim {

bool is_valid_date(const CivilDate& date) {
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.year < 1 || date.year > 9999) {
    return false;
  }
  // A date is real when it survives the round trip (31 February becomes 3 March).
  const CivilDate round_trip = civil_from_days(days_from_civil(date));
  return round_trip.year == date.year && round_trip.month == date.month && round_trip.day == date.day;
}

std::string format_utc_timestamp(std::int64_t epoch_seconds) {
  // Spotify's ts has whole seconds and no fraction.
  return format_iso8601_utc(epoch_seconds * kMsPerSecond).substr(0, 19) + 'Z';
}

}  // namespace sonic::sim
