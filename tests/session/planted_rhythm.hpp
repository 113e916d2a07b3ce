#pragma once
// A made-up listener whose habit a model can learn and the hour-of-week baseline cannot: every
// three weeks they move to a new daily hour (a new job, a new term), and on most days start a
// session within that local hour. The weekly average over a whole window smears the phases, while the
// last 7 days say which one is current.
#include <cstdint>

#include "sonic/core/random.hpp"
#include "sonic/core/time_zone.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/features/session_dataset.hpp"

namespace sonic::session::testing {

inline records::SessionHistory planted_rhythm(const TimeZone& zone, int days, std::uint64_t seed, int first_year = 2024,
                                              int first_month = 1) {
  SeededRandom random(seed);
  records::SessionHistory history;
  const int phase_hours[] = {7, 12, 18, 21, 9, 15};
  for (int day = 0; day < days; ++day) {
    const int hour = phase_hours[(day / 21) % 6];
    if (!random.chance(0.85)) continue;
    const CivilDate date = civil_from_days(days_from_civil(first_year, first_month, 1) + day);
    const std::int64_t start =
        zone.utc_ms(date.year, date.month, date.day, hour) + random.integer(0, 50) * kMsPerMinute;
    const std::int64_t end = start + random.integer(20, 90) * kMsPerMinute;
    history.sessions.push_back({start, end, 0, end - start});
    for (std::int64_t listen = start; listen < end; listen += 3 * kMsPerMinute) {
      history.listen_starts_ms.push_back(listen);
      history.sessions.back().plays += 1;
    }
  }
  return history;
}

}  // namespace sonic::session::testing
