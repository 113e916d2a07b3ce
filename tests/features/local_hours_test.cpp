// Real local hours: whole hours on the local clock, 23 of them on the spring-forward day and 25
// on the fall-back day.
#include "sonic/features/local_hours.hpp"

#include <gtest/gtest.h>

#include "sonic/core/utc_time.hpp"

namespace sonic::features {
namespace {

std::vector<int> local_hours_of(const TimeZone& zone, const std::vector<std::int64_t>& starts) {
  std::vector<int> hours;
  for (std::int64_t start : starts) hours.push_back(zone.local(start).hour);
  return hours;
}

TEST(LocalHours, SpringForwardDayHasTwentyThreeHoursWithoutTwoOClock) {
  const TimeZone berlin = TimeZone::named("Europe/Berlin");
  const auto starts = local_hour_starts(berlin, berlin.utc_ms(2024, 3, 31, 0), berlin.utc_ms(2024, 4, 1, 0));
  ASSERT_EQ(starts.size(), 23u);
  const auto hours = local_hours_of(berlin, starts);
  EXPECT_EQ(hours[1], 1);
  EXPECT_EQ(hours[2], 3);  // 2:00 never happened
  EXPECT_EQ(hours.back(), 23);
  for (std::size_t i = 1; i < starts.size(); ++i) EXPECT_EQ(starts[i] - starts[i - 1], kMsPerHour);
}

TEST(LocalHours, FallBackDayHasTwentyFiveHoursWithTwoOClockTwice) {
  const TimeZone berlin = TimeZone::named("Europe/Berlin");
  const auto starts = local_hour_starts(berlin, berlin.utc_ms(2024, 10, 27, 0), berlin.utc_ms(2024, 10, 28, 0));
  ASSERT_EQ(starts.size(), 25u);
  const auto hours = local_hours_of(berlin, starts);
  EXPECT_EQ((std::vector<int>{hours[1], hours[2], hours[3], hours[4]}), (std::vector<int>{1, 2, 2, 3}));
  EXPECT_EQ(starts[3] - starts[2], kMsPerHour);  // the same wall-clock hour, an hour apart
}

TEST(LocalHours, StartAtTheNextWholeLocalHourEvenInAHalfHourZone) {
  const TimeZone kolkata = TimeZone::named("Asia/Kolkata");  // UTC+5:30
  const std::int64_t at = kolkata.utc_ms(2024, 5, 6, 9, 15);
  EXPECT_EQ(next_local_hour_start(kolkata, at), kolkata.utc_ms(2024, 5, 6, 10));
  EXPECT_EQ(next_local_hour_start(kolkata, kolkata.utc_ms(2024, 5, 6, 10)), kolkata.utc_ms(2024, 5, 6, 10));
  EXPECT_EQ(next_local_hour_start(kolkata, kolkata.utc_ms(2024, 5, 6, 10) + 1), kolkata.utc_ms(2024, 5, 6, 11));
  const auto starts = local_hour_starts(kolkata, at, kolkata.utc_ms(2024, 5, 7, 9, 15));
  ASSERT_EQ(starts.size(), 24u);
  for (std::int64_t start : starts) EXPECT_EQ(kolkata.local(start).minute, 0);
}

}  // namespace
}  // namespace sonic::features
