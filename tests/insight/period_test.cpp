#include "sonic/insight/period.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "sonic/insight/segment_boundaries.hpp"
#include "support/listening_store.hpp"

namespace sonic::insight {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

TEST(PeriodTest, ParsesTheFlags) {
  EXPECT_EQ(Period::parse("30", std::nullopt).days, 30);
  EXPECT_EQ(Period::parse("all", std::nullopt).kind, Period::Kind::all);
  EXPECT_EQ(Period::parse("7", 2024).kind, Period::Kind::year);  // --year wins
  EXPECT_EQ(Period::parse("7", 2024).describe(), "2024");
  EXPECT_EQ(Period::parse("365", std::nullopt).describe(), "last 365 days");
  EXPECT_THROW(Period::parse("14", std::nullopt), UsageError);
  EXPECT_THROW(Period::parse("7d", std::nullopt), UsageError);
  EXPECT_THROW(Period::parse("all", 1850), UsageError);
}

TEST(PeriodTest, AYearRunsFromLocalMidnightOnNewYear) {
  testing::ListeningStore store;
  const auto span = resolve_period(store.db(), TimeZone::named("Europe/Berlin"), Period::calendar_year(2024));
  EXPECT_EQ(span.from_ms, TimeZone::named("UTC").utc_ms(2023, 12, 31, 23));
  EXPECT_EQ(span.to_ms, TimeZone::named("UTC").utc_ms(2024, 12, 31, 23));
}

TEST(PeriodTest, NamesAndSlugsForTitlesAndFileNames) {
  EXPECT_EQ(Period::all().describe(), "all time");
  EXPECT_EQ(Period::all().slug(), "all");
  EXPECT_EQ(Period::last_days(30).slug(), "last30");
  EXPECT_EQ(Period::calendar_year(2024).slug(), "2024");
}

TEST(PeriodTest, LastDaysEndJustAfterTheNewestListenAndSkipsDoNotCount) {
  testing::ListeningStore store;
  const auto song = store.track("Song", "Artist");
  const std::int64_t newest = TimeZone::named("UTC").utc_ms(2024, 3, 31, 0) + 58 * 60'000;
  store.play(song, newest - 20 * kDayMs, 200'000);
  store.play(song, newest, 240'000);
  store.play(song, newest + 3'600'000, 5'000);  // a skip an hour later is not a listen
  const auto span = resolve_period(store.db(), TimeZone::named("UTC"), Period::last_days(7));
  EXPECT_EQ(span.to_ms, newest + 1);
  EXPECT_EQ(span.from_ms, newest + 1 - 7 * kDayMs);
  EXPECT_TRUE(span.contains(newest));
  EXPECT_FALSE(span.contains(newest + 1));
  EXPECT_FALSE(span.contains(newest - 7 * kDayMs));
  EXPECT_TRUE(span.contains(newest - 7 * kDayMs + 1));
  const auto all = resolve_period(store.db(), TimeZone::named("UTC"), Period::all());
  EXPECT_EQ(all.from_ms, newest - 20 * kDayMs);
  EXPECT_EQ(all.to_ms, newest + 1);
}

TEST(PeriodTest, AnEmptyStoreHasAnEmptySpan) {
  testing::ListeningStore store;
  const auto span = resolve_period(store.db(), TimeZone::named("UTC"), Period::last_days(7));
  EXPECT_EQ(span.from_ms, 0);
  EXPECT_EQ(span.to_ms, 0);
}

TEST(SegmentBoundariesTest, DefaultsSplitTheDayAsDocumented) {
  const SegmentBoundaries bounds;
  EXPECT_EQ(bounds.time_of_day(4), TimeOfDay::night);
  EXPECT_EQ(bounds.time_of_day(5), TimeOfDay::morning);
  EXPECT_EQ(bounds.time_of_day(11), TimeOfDay::morning);
  EXPECT_EQ(bounds.time_of_day(12), TimeOfDay::afternoon);
  EXPECT_EQ(bounds.time_of_day(17), TimeOfDay::evening);
  EXPECT_EQ(bounds.time_of_day(21), TimeOfDay::evening);
  EXPECT_EQ(bounds.time_of_day(22), TimeOfDay::night);
  EXPECT_EQ(bounds.time_of_day(0), TimeOfDay::night);
}

TEST(SegmentBoundariesTest, ParsesTheFlagAndRejectsNonsense) {
  const auto bounds = SegmentBoundaries::parse("morning=6, night=23");
  EXPECT_EQ(bounds.describe(), "morning=6,afternoon=12,evening=17,night=23");
  EXPECT_EQ(SegmentBoundaries::parse("").describe(), SegmentBoundaries().describe());
  EXPECT_THROW(SegmentBoundaries::parse("dawn=4"), UsageError);
  EXPECT_THROW(SegmentBoundaries::parse("morning=24"), UsageError);
  EXPECT_THROW(SegmentBoundaries::parse("morning"), UsageError);
  EXPECT_THROW(SegmentBoundaries::parse("afternoon=4"), UsageError);  // before the morning
  try {
    SegmentBoundaries::parse("evening=x");
    FAIL();
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find("evening"), std::string::npos);
  }
}

}  // namespace
}  // namespace sonic::insight
