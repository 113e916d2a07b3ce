#include "sonic/report/heatmap.hpp"

#include <gtest/gtest.h>

#include "sonic/core/utc_time.hpp"

namespace sonic::report {
namespace {

constexpr int kMonday = 0, kSaturday = 5, kSunday = 6;

TEST(Heatmap, SplitsAListenAtTheLocalHour) {
  Heatmap heatmap;
  // 14:58 UTC on Saturday 1 June 2024, four minutes.
  heatmap.add_listen(TimeZone::named("UTC"), *parse_iso8601_utc("2024-06-01T14:58:00Z"), 4 * kMsPerMinute);
  EXPECT_DOUBLE_EQ(heatmap.minutes[kSaturday][14], 2.0);
  EXPECT_DOUBLE_EQ(heatmap.minutes[kSaturday][15], 2.0);
  EXPECT_DOUBLE_EQ(heatmap.max(), 2.0);
}

TEST(Heatmap, FollowsTheClockOverTheSpringForwardGap) {
  Heatmap heatmap;
  // 01:58 CET on 31 March 2024; at 02:00 Berlin's clocks jump to 03:00 CEST.
  heatmap.add_listen(TimeZone::named("Europe/Berlin"), *parse_iso8601_utc("2024-03-31T00:58:00Z"), 4 * kMsPerMinute);
  EXPECT_DOUBLE_EQ(heatmap.minutes[kSunday][1], 2.0);
  EXPECT_DOUBLE_EQ(heatmap.minutes[kSunday][2], 0.0);
  EXPECT_DOUBLE_EQ(heatmap.minutes[kSunday][3], 2.0);
}

TEST(Heatmap, RepeatedAutumnHourCountsTwice) {
  Heatmap heatmap;
  // 02:30 CEST on 27 October 2024, an hour and a half: 02:30–03:00 CEST, then 02:00–03:00 CET.
  heatmap.add_listen(TimeZone::named("Europe/Berlin"), *parse_iso8601_utc("2024-10-27T00:30:00Z"), 90 * kMsPerMinute);
  EXPECT_DOUBLE_EQ(heatmap.minutes[kSunday][2], 90.0);
}

TEST(Heatmap, HalfHourZonesSplitAtTheirOwnHours) {
  Heatmap heatmap;
  // 05:58:30 in Kolkata (UTC+05:30) on Monday 3 June 2024, three minutes.
  heatmap.add_listen(TimeZone::named("Asia/Kolkata"), *parse_iso8601_utc("2024-06-03T00:28:30Z"), 3 * kMsPerMinute);
  EXPECT_DOUBLE_EQ(heatmap.minutes[kMonday][5], 1.5);
  EXPECT_DOUBLE_EQ(heatmap.minutes[kMonday][6], 1.5);
}

TEST(Heatmap, JsonIsSevenRowsOfTwentyFourInTenths) {
  Heatmap heatmap;
  heatmap.add_listen(TimeZone::named("UTC"), *parse_iso8601_utc("2024-06-03T10:00:00Z"), 200'000);
  const auto json = to_json(heatmap);
  ASSERT_EQ(json["minutes"].size(), 7u);
  ASSERT_EQ(json["minutes"][0].size(), 24u);
  EXPECT_DOUBLE_EQ(json["minutes"][kMonday][10].get<double>(), 3.3);
  EXPECT_DOUBLE_EQ(json["max"].get<double>(), 3.3);
  EXPECT_EQ(json["weekdays"][0], "Mon");
}

}  // namespace
}  // namespace sonic::report
