#include "sonic/report/period.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"

namespace sonic::report {
namespace {

TEST(Period, AllHasNoBounds) {
  const auto period = resolve_period("all", std::nullopt, 1000, TimeZone::named("UTC"));
  EXPECT_FALSE(period.from_ms || period.to_ms);
  EXPECT_TRUE(period.contains(-5));
  EXPECT_EQ(to_json(period)["from"], nullptr);
}

TEST(Period, LastDaysEndAtTheNewestListen) {
  const std::int64_t newest = *parse_iso8601_utc("2024-03-31T00:58:00Z");
  const auto period = resolve_period("7", std::nullopt, newest, TimeZone::named("UTC"));
  EXPECT_TRUE(period.contains(newest));
  EXPECT_FALSE(period.contains(newest + 1));
  EXPECT_TRUE(period.contains(newest - 7 * kMsPerDay + 1));
  EXPECT_FALSE(period.contains(newest - 7 * kMsPerDay));
  EXPECT_EQ(period.name, "last 7 days");
  EXPECT_EQ(period.slug, "last7");
  EXPECT_EQ(to_json(period)["days"], 7);
}

TEST(Period, AYearIsTheLocalCalendarYear) {
  const auto period = resolve_period("all", 2024, std::nullopt, TimeZone::named("Europe/Berlin"));
  EXPECT_EQ(format_iso8601_utc(*period.from_ms), "2023-12-31T23:00:00.000Z");
  EXPECT_EQ(format_iso8601_utc(*period.to_ms), "2024-12-31T23:00:00.000Z");
  EXPECT_EQ(period.slug, "2024");
  EXPECT_EQ(to_json(period)["year"], 2024);
}

TEST(Period, RejectsOtherLengths) {
  const auto zone = TimeZone::named("UTC");
  EXPECT_THROW(resolve_period("14", std::nullopt, 0, zone), UsageError);
  EXPECT_THROW(resolve_period("", std::nullopt, 0, zone), UsageError);
  EXPECT_THROW(resolve_period("all", 12, 0, zone), UsageError);
}

TEST(Period, RelativePeriodOfAnEmptyStoreIsEverything) {
  const auto period = resolve_period("30", std::nullopt, std::nullopt, TimeZone::named("UTC"));
  EXPECT_FALSE(period.from_ms || period.to_ms);
  EXPECT_EQ(period.days, 30);
}

}  // namespace
}  // namespace sonic::report
