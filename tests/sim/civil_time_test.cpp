#include "sonic/sim/civil_time.hpp"

#include <gtest/gtest.h>

#include <ctime>

namespace sonic::sim {
namespace {

TEST(CivilTime, KnownDays) {
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(days_from_civil({2000, 3, 1}), 11017);
  EXPECT_EQ(days_from_civil({2025, 1, 1}), 20089);
  EXPECT_EQ(days_from_civil({1969, 12, 31}), -1);
}

TEST(CivilTime, RoundTripsAndAgreesWithTimegm) {
  for (std::int64_t day = -1000; day < 40000; day += 7) {
    const CivilDate date = civil_from_days(day);
    ASSERT_EQ(days_from_civil(date), day);
    std::tm parts{};
    parts.tm_year = date.year - 1900;
    parts.tm_mon = date.month - 1;
    parts.tm_mday = date.day;
    ASSERT_EQ(timegm(&parts), day * 86400);
    ASSERT_EQ(weekday_from_days(day), (parts.tm_wday + 6) % 7) << "day " << day;
  }
}

TEST(CivilTime, Weekends) {
  EXPECT_EQ(weekday_from_days(days_from_civil({2025, 1, 1})), 2);  // a Wednesday
  EXPECT_FALSE(is_weekend(days_from_civil({2025, 1, 3})));
  EXPECT_TRUE(is_weekend(days_from_civil({2025, 1, 4})));
  EXPECT_TRUE(is_weekend(days_from_civil({2025, 1, 5})));
  EXPECT_FALSE(is_weekend(days_from_civil({2025, 1, 6})));
}

TEST(CivilTime, ValidDates) {
  EXPECT_TRUE(is_valid_date({2024, 2, 29}));
  EXPECT_FALSE(is_valid_date({2025, 2, 29}));
  EXPECT_FALSE(is_valid_date({2025, 13, 1}));
  EXPECT_FALSE(is_valid_date({2025, 4, 31}));
  EXPECT_FALSE(is_valid_date({2025, 1, 0}));
}

TEST(CivilTime, FormatsSpotifyTimestamps) {
  EXPECT_EQ(format_utc_timestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_utc_timestamp(1586564873), "2020-04-11T00:27:53Z");
  EXPECT_EQ(format_utc_timestamp(1735689599), "2024-12-31T23:59:59Z");
  EXPECT_EQ(format_utc_timestamp(-1), "1969-12-31T23:59:59Z");
}

TEST(CivilTime, FloorDivisionRoundsDown) {
  EXPECT_EQ(floor_div(7, 2), 3);
  EXPECT_EQ(floor_div(-7, 2), -4);
  EXPECT_EQ(floor_div(-8, 2), -4);
  EXPECT_EQ(floor_div(0, 5), 0);
}

}  // namespace
}  // namespace sonic::sim
