#include "sonic/playlist/listening_habits.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sonic/core/error.hpp"
#include "support/listening_store.hpp"

namespace sonic::playlist {
namespace {

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kHour = 3'600'000;
// 2024-01-01 was a Monday; its 00:00 UTC.
constexpr std::int64_t kMonday = 1'704'067'200'000;

TEST(ListeningHabitsTest, PlaysDecayByHalfLifeAndCountInTheirSegment) {
  testing::ListeningStore store;
  const auto song = store.track("Song", "Artist");
  const auto other = store.track("Other", "Band");
  const TimeZone utc = TimeZone::named("UTC");
  store.play(song, kMonday + 8 * kHour, 180'000);               // Monday morning, 90 days before the newest
  store.play(song, kMonday + 90 * kDay + 8 * kHour, 180'000);   // a Sunday morning (weekend), the newest
  store.play(song, kMonday + 89 * kDay + 23 * kHour, 180'000);  // Saturday night
  store.play(other, kMonday + 90 * kDay + 7 * kHour, 10'000);   // short: not a listen
  store.play(other, kMonday + 200 * kDay, 180'000);             // after the cut-off

  const auto habits =
      compute_listening_habits(store.db(), utc, kMonday + 100 * kDay, DaySegment{"morning", std::nullopt}, 90);
  ASSERT_EQ(habits.by_track.size(), 1u);
  const TrackHabits& track = habits.by_track.at(song);
  EXPECT_EQ(track.plays, 3);
  EXPECT_EQ(track.segment_plays, 2);
  EXPECT_EQ(habits.newest_start_ms, kMonday + 90 * kDay + 8 * kHour);
  // 1 (newest) + 0.5 (exactly one half-life before) + 2^-(9/24/90) (nine hours before).
  EXPECT_NEAR(track.decayed_plays, 1 + 0.5 + std::exp2(-9.0 / 24 / 90), 1e-12);
  EXPECT_EQ(habits.max_segment_plays, 2);

  const auto weekend_nights =
      compute_listening_habits(store.db(), utc, kMonday + 100 * kDay, DaySegment{"night", "weekend"}, 90);
  EXPECT_EQ(weekend_nights.by_track.at(song).segment_plays, 1);
}

TEST(DaySegmentTest, BoundariesAndNames) {
  EXPECT_STREQ(time_of_day_at(4), "night");
  EXPECT_STREQ(time_of_day_at(5), "morning");
  EXPECT_STREQ(time_of_day_at(12), "afternoon");
  EXPECT_STREQ(time_of_day_at(17), "evening");
  EXPECT_STREQ(time_of_day_at(22), "night");
  const auto segment = habit_segment_named("weekend-night");
  EXPECT_EQ(segment.time_of_day, "night");
  EXPECT_EQ(segment.day_type, "weekend");
  EXPECT_EQ(segment.describe(), "weekend nights");
  EXPECT_EQ(habit_segment_named("weekday").day_type, "weekday");
  EXPECT_FALSE(habit_segment_named("weekday").time_of_day);
  EXPECT_EQ(habit_segment_named("morning").describe(), "mornings");
  EXPECT_THROW(habit_segment_named("brunch"), UsageError);
  EXPECT_THROW(habit_segment_named("weekend-"), UsageError);
  EXPECT_THROW(habit_segment_named("weekend-weekday-night"), UsageError);
}

}  // namespace
}  // namespace sonic::playlist
