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
  // The two mornings fully (decayed 1 and 0.5); Saturday 23:00 is six hours from 05:00, so 0.5^6.
  EXPECT_NEAR(track.segment_weight, 1 + 0.5 + std::exp2(-9.0 / 24 / 90) / 64, 1e-12);

  const auto weekend_nights =
      compute_listening_habits(store.db(), utc, kMonday + 100 * kDay, DaySegment{"night", "weekend"}, 90);
  EXPECT_EQ(weekend_nights.by_track.at(song).segment_plays, 1);
  // Saturday 23:00 fully; Sunday 08:00 is four hours from 04:00 (0.5^4); Monday is a weekday (0).
  EXPECT_NEAR(weekend_nights.by_track.at(song).segment_weight, std::exp2(-9.0 / 24 / 90) + 1.0 / 16, 1e-12);

  const auto any_time = compute_listening_habits(store.db(), utc, kMonday + 100 * kDay, DaySegment{}, 90);
  EXPECT_EQ(any_time.by_track.at(song).segment_weight, any_time.by_track.at(song).decayed_plays);
}

LocalTime local_at(int weekday, int hour) {
  LocalTime local;
  local.weekday = weekday;
  local.hour = hour;
  return local;
}

TEST(ListeningHabitsTest, APlayCountsHalfPerHourOutsideTheTimeOfDayAndNothingOnTheOtherDayType) {
  const DaySegment morning{"morning", std::nullopt};  // 05-12
  EXPECT_EQ(segment_weight(morning, local_at(0, 5)), 1);
  EXPECT_EQ(segment_weight(morning, local_at(0, 11)), 1);
  EXPECT_EQ(segment_weight(morning, local_at(0, 4)), 0.5);
  EXPECT_EQ(segment_weight(morning, local_at(0, 12)), 0.5);
  EXPECT_EQ(segment_weight(morning, local_at(0, 13)), 0.25);
  EXPECT_EQ(segment_weight(morning, local_at(0, 23)), 1.0 / 64);  // six hours before 05:00
  const DaySegment night{"night", std::nullopt};                  // 22-05, around midnight
  EXPECT_EQ(segment_weight(night, local_at(0, 0)), 1);
  EXPECT_EQ(segment_weight(night, local_at(0, 5)), 0.5);
  EXPECT_EQ(segment_weight(night, local_at(0, 21)), 0.5);
  EXPECT_EQ(segment_weight(night, local_at(0, 12)), 1.0 / 256);  // eight hours after 04:00
  const DaySegment weekend_night{"night", "weekend"};
  EXPECT_EQ(segment_weight(weekend_night, local_at(5, 23)), 1);  // Saturday
  EXPECT_EQ(segment_weight(weekend_night, local_at(4, 23)), 0);  // Friday
  EXPECT_EQ(segment_weight(DaySegment{std::nullopt, "weekday"}, local_at(2, 15)), 1);
  EXPECT_EQ(segment_weight(DaySegment{}, local_at(6, 3)), 1);
}

TEST(ListeningHabitsTest, ATrackSharesHalfItsArtistsHabitWithTheArtistsOtherTracks) {
  auto track = [](std::int64_t id, std::int64_t artist) {
    store::LibraryTrack library_track;
    library_track.track_id = id;
    library_track.artist_id = artist;
    return library_track;
  };
  // Tracks 1 and 2 by artist 10, tracks 3 and 4 by artist 20; track 4 has no listen in the tally.
  const std::vector<store::LibraryTrack> tracks = {track(1, 10), track(2, 10), track(3, 20), track(4, 20)};
  ListeningHabits habits;
  habits.by_track[1].segment_weight = 2;
  habits.by_track[2].segment_weight = 0;
  habits.by_track[3].segment_weight = 1;
  const auto affinity = segment_affinity(tracks, habits);
  ASSERT_EQ(affinity.size(), 4u);
  EXPECT_DOUBLE_EQ(affinity[0], 2 + 0.5 * 2 / 2);  // its own 2, half of artist 10's 2 over 2 tracks
  EXPECT_DOUBLE_EQ(affinity[1], 0 + 0.5 * 2 / 2);  // never played then: borrows its artist's habit
  EXPECT_DOUBLE_EQ(affinity[2], 1 + 0.5 * 1 / 2);
  EXPECT_DOUBLE_EQ(affinity[3], 0 + 0.5 * 1 / 2);
  EXPECT_TRUE(segment_affinity({}, habits).empty());
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
