#include "sonic/core/time_zone.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"

namespace sonic {
namespace {

std::int64_t utc(const char* iso) { return *parse_iso8601_utc(iso); }

TEST(TimeZone, BerlinSpringForward2024) {
  const auto berlin = TimeZone::named("Europe/Berlin");
  const LocalTime before = berlin.local(utc("2024-03-31T00:59:59Z"));
  EXPECT_EQ(before.hour, 1);
  EXPECT_EQ(before.minute, 59);
  EXPECT_EQ(before.utc_offset_seconds, 3600);
  const LocalTime after = berlin.local(utc("2024-03-31T01:00:00Z"));
  EXPECT_EQ(after.hour, 3);  // 02:00 local never happens
  EXPECT_EQ(after.utc_offset_seconds, 7200);
  EXPECT_EQ(after.weekday, 6);  // a Sunday
  // That local day has 23 hours.
  EXPECT_EQ(berlin.utc_ms(2024, 4, 1, 0) - berlin.utc_ms(2024, 3, 31, 0), 23 * kMsPerHour);
}

TEST(TimeZone, BerlinFallBack2024) {
  const auto berlin = TimeZone::named("Europe/Berlin");
  const LocalTime first = berlin.local(utc("2024-10-27T00:30:00Z"));
  const LocalTime second = berlin.local(utc("2024-10-27T01:30:00Z"));
  EXPECT_EQ(first.hour, 2);  // 02:30 happens twice
  EXPECT_EQ(second.hour, 2);
  EXPECT_EQ(first.utc_offset_seconds, 7200);
  EXPECT_EQ(second.utc_offset_seconds, 3600);
  EXPECT_EQ(berlin.utc_ms(2024, 10, 28, 0) - berlin.utc_ms(2024, 10, 27, 0), 25 * kMsPerHour);
}

TEST(TimeZone, UsesTheRealHistoryNotTodaysRule) {
  // In 2006 the US still began daylight saving in April; today's rule would say March 12.
  const auto new_york = TimeZone::named("America/New_York");
  EXPECT_EQ(new_york.local(utc("2006-03-20T12:00:00Z")).utc_offset_seconds, -5 * 3600);
  EXPECT_EQ(new_york.local(utc("2024-03-20T12:00:00Z")).utc_offset_seconds, -4 * 3600);
  // West Germany kept no summer time in 1975.
  EXPECT_EQ(TimeZone::named("Europe/Berlin").local(utc("1975-07-01T12:00:00Z")).utc_offset_seconds, 3600);
}

TEST(TimeZone, LocalDayAndWeekdayCrossMidnight) {
  const auto tokyo = TimeZone::named("Asia/Tokyo");
  const LocalTime local = tokyo.local(utc("2024-01-07T15:30:00Z"));  // Sunday in UTC
  EXPECT_EQ(local.day, 8);
  EXPECT_EQ(local.hour, 0);
  EXPECT_EQ(local.weekday, 0);  // Monday in Tokyo
  EXPECT_EQ(local.local_day, days_from_civil(2024, 1, 8));
  EXPECT_FALSE(local.weekend());
}

TEST(TimeZone, SwitchingZonesInOneProcessStaysCorrect) {
  const auto berlin = TimeZone::named("Europe/Berlin");
  const auto utc_zone = TimeZone::named("UTC");
  const std::int64_t instant = utc("2024-07-01T12:00:00Z");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(berlin.local(instant).hour, 14);
    EXPECT_EQ(utc_zone.local(instant).hour, 12);
  }
}

TEST(TimeZone, UnknownNameIsAUsageError) {
  EXPECT_THROW(TimeZone::named("Mars/Olympus_Mons"), UsageError);
  EXPECT_THROW(TimeZone::named("../../etc/passwd"), UsageError);
  EXPECT_THROW(TimeZone::named(""), UsageError);
  EXPECT_EQ(TimeZone::from_setting("Europe/Paris").name(), "Europe/Paris");
}

}  // namespace
}  // namespace sonic
