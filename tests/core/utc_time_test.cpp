#include "sonic/core/utc_time.hpp"

#include <gtest/gtest.h>

namespace sonic {
namespace {

TEST(UtcTime, CivilDaysRoundTripAndKnownValues) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
  for (std::int64_t day = -800000; day < 800000; day += 997) {
    const CivilDate date = civil_from_days(day);
    EXPECT_EQ(days_from_civil(date.year, date.month, date.day), day);
  }
}

TEST(UtcTime, ParsesExtendedExportTimestamps) {
  // 2013-04-16T06:56:15Z, computed by hand: 15811 days + 6:56:15.
  EXPECT_EQ(parse_iso8601_utc("2013-04-16T06:56:15Z"), 15811 * kMsPerDay + 24975 * kMsPerSecond);
  EXPECT_EQ(parse_iso8601_utc("1970-01-01T00:00:00Z"), 0);
}

TEST(UtcTime, KeepsApiMillisecondsAndOptionalFraction) {
  const auto base = parse_iso8601_utc("2021-07-09T17:09:00Z");
  ASSERT_TRUE(base);
  EXPECT_EQ(parse_iso8601_utc("2021-07-09T17:09:00.381Z"), *base + 381);
  EXPECT_EQ(parse_iso8601_utc("2021-07-09T17:09:00.5Z"), *base + 500);
  EXPECT_EQ(parse_iso8601_utc("2021-07-09T17:09:00.123456Z"), *base + 123);
  EXPECT_EQ(parse_iso8601_utc("2021-07-09T17:09:00+00:00"), *base);
}

TEST(UtcTime, RejectsWhatIsNotATimestamp) {
  for (const char* bad :
       {"", "2021-07-09", "2021-07-09T17:09:00", "2021-13-01T00:00:00Z", "2021-02-29T00:00:00Z", "2021-07-09T25:00:00Z",
        "2021-07-09T17:09:00.Z", "2021-07-09T17:09:00+02:00", "yesterday", "2021-07-09 17:09"}) {
    EXPECT_FALSE(parse_iso8601_utc(bad)) << bad;
  }
  EXPECT_TRUE(parse_iso8601_utc("2020-02-29T00:00:00Z"));
}

TEST(UtcTime, ParsesBasicExportMinutes) {
  EXPECT_EQ(parse_minute_utc("2024-05-06 18:43"), parse_iso8601_utc("2024-05-06T18:43:00Z"));
  EXPECT_FALSE(parse_minute_utc("2024-05-06T18:43"));
  EXPECT_FALSE(parse_minute_utc("2024-05-06 18:43:00"));
}

TEST(UtcTime, FormatsRoundTrip) {
  const std::int64_t ms = *parse_iso8601_utc("2024-02-29T23:59:59.999Z");
  EXPECT_EQ(format_iso8601_utc(ms), "2024-02-29T23:59:59.999Z");
  EXPECT_EQ(format_iso8601_utc(-1), "1969-12-31T23:59:59.999Z");
}

}  // namespace
}  // namespace sonic
