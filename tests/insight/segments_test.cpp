#include "sonic/insight/segments.hpp"

#include <gtest/gtest.h>

#include "support/listening_store.hpp"

namespace sonic::insight {
namespace {

constexpr std::int64_t kMinute = 60'000;

// Monday 1 January 2024 onwards, in UTC. Three tracks: one happy and bright, one sad and dark,
// one with neither mood, cluster nor features.
class SegmentsTest : public ::testing::Test {
 protected:
  SegmentsTest() {
    const auto sunrise = store_.track("Sunrise", "Alpha");
    const auto midnight = store_.track("Midnight", "Beta");
    const auto plain = store_.track("Plain", "Gamma");
    store_.mood(sunrise, "happy");
    store_.mood(midnight, "sad");
    store_.cluster(sunrise, 0, "bright pop");
    store_.cluster(midnight, 1, "dark ambient");
    store_.features(sunrise, 0.8, 0.6, 0.7);
    store_.features(midnight, 0.2, 0.3, 0.4);
    store_.play(sunrise, at(1, 8, 0), 3 * kMinute);    // Monday morning
    store_.play(sunrise, at(1, 8, 10), 3 * kMinute);   // Monday morning
    store_.play(plain, at(1, 9, 0), 2 * kMinute);      // Monday morning
    store_.play(midnight, at(1, 23, 0), 4 * kMinute);  // Monday night
    store_.play(midnight, at(2, 3, 0), 4 * kMinute);   // Tuesday 03:00: weekday night
    store_.play(sunrise, at(6, 14, 0), 3 * kMinute);   // Saturday afternoon
    store_.play(sunrise, at(6, 14, 5), 10'000);        // a skip: not a listen
    store_.play(midnight, at(7, 4, 59), 4 * kMinute);  // Sunday 04:59: weekend night
    store_.play(sunrise, at(7, 5, 0), 3 * kMinute);    // Sunday 05:00: weekend morning
  }

  std::int64_t at(int day, int hour, int minute) const { return utc_.utc_ms(2024, 1, day, hour, minute); }
  const Segment& segment(const Profile& profile, const std::string& name) const {
    for (const auto& segment : profile.segments) {
      if (segment.name() == name) return segment;
    }
    throw std::runtime_error("no segment " + name);
  }

  TimeZone utc_ = TimeZone::named("UTC");
  testing::ListeningStore store_;
};

TEST_F(SegmentsTest, OverallFiguresAreTheListensOfThePeriod) {
  const Profile profile = compute_profile(store_.db(), utc_, Period::all());
  EXPECT_EQ(profile.span.from_ms, at(1, 8, 0));
  EXPECT_EQ(profile.span.to_ms, at(7, 5, 0) + 1);
  EXPECT_EQ(profile.overall.plays, 8);
  EXPECT_DOUBLE_EQ(profile.overall.hours, 26.0 / 60);  // 4×3 + 3×4 + 2 minutes
  EXPECT_DOUBLE_EQ(profile.overall.share, 1.0);
  // Seven plays have a mood: four happy, three sad. Features likewise weigh each play once.
  EXPECT_DOUBLE_EQ(profile.overall.mood_mix.at("happy"), 4.0 / 7);
  EXPECT_DOUBLE_EQ(profile.overall.cluster_mix.at("dark ambient"), 3.0 / 7);
  EXPECT_NEAR(*profile.overall.mean_valence, (4 * 0.8 + 3 * 0.2) / 7, 1e-12);
  EXPECT_NEAR(*profile.overall.mean_energy, (4 * 0.6 + 3 * 0.3) / 7, 1e-12);
  EXPECT_NEAR(*profile.overall.mean_danceability, (4 * 0.7 + 3 * 0.4) / 7, 1e-12);
  ASSERT_EQ(profile.overall.top_artists.size(), 3u);
  EXPECT_EQ(profile.overall.top_artists[0].name, "Alpha");  // 4 plays, 12 minutes
  EXPECT_EQ(profile.overall.top_artists[0].plays, 4);
  EXPECT_EQ(profile.overall.top_artists[1].name, "Beta");
  EXPECT_EQ(profile.overall.top_tracks[2].name, "Plain");
}

TEST_F(SegmentsTest, EachListenLandsInTheSegmentOfItsLocalStart) {
  const Profile profile = compute_profile(store_.db(), utc_, Period::all());
  ASSERT_EQ(profile.segments.size(), 8u);
  EXPECT_EQ(profile.segments.front().name(), "weekday morning");
  EXPECT_EQ(profile.segments.back().name(), "weekend night");
  const auto& morning = segment(profile, "weekday morning");
  EXPECT_EQ(morning.stats.plays, 3);
  EXPECT_DOUBLE_EQ(morning.stats.share, 8.0 / 26);
  EXPECT_DOUBLE_EQ(morning.stats.mood_mix.at("happy"), 1.0);  // "Plain" has no mood: not counted
  EXPECT_DOUBLE_EQ(*morning.stats.mean_valence, 0.8);
  EXPECT_EQ(morning.stats.top_tracks[0].name, "Sunrise");
  EXPECT_EQ(morning.stats.top_tracks[0].plays, 2);
  EXPECT_EQ(segment(profile, "weekday night").stats.plays, 2);  // 23:00 and 03:00
  EXPECT_EQ(segment(profile, "weekend afternoon").stats.plays, 1);
  EXPECT_EQ(segment(profile, "weekend night").stats.plays, 1);    // 04:59
  EXPECT_EQ(segment(profile, "weekend morning").stats.plays, 1);  // 05:00
  const auto& empty = segment(profile, "weekday evening");
  EXPECT_EQ(empty.stats.plays, 0);
  EXPECT_FALSE(empty.stats.mean_valence.has_value());
  EXPECT_TRUE(empty.stats.mood_mix.empty());
}

TEST_F(SegmentsTest, JsonComparesEachSegmentWithTheOverallProfile) {
  const auto json = compute_profile(store_.db(), utc_, Period::all()).to_json();
  EXPECT_EQ(json["period"]["time_zone"], "UTC");
  EXPECT_EQ(json["period"]["from"], "2024-01-01T08:00:00.000Z");
  const auto& morning = json["segments"][0];
  EXPECT_EQ(morning["name"], "weekday morning");
  EXPECT_EQ(morning["time_of_day"], "morning");
  EXPECT_EQ(morning["day_type"], "weekday");
  EXPECT_DOUBLE_EQ(morning["share"].get<double>(), 0.308);
  EXPECT_DOUBLE_EQ(morning["hours"].get<double>(), 0.13);
  // 0.8 - 3.8/7 = 0.2571…; happy 1 - 4/7, sad 0 - 3/7.
  EXPECT_DOUBLE_EQ(morning["vs_overall"]["valence"].get<double>(), 0.257);
  EXPECT_DOUBLE_EQ(morning["vs_overall"]["mood_mix"]["happy"].get<double>(), 0.429);
  EXPECT_DOUBLE_EQ(morning["vs_overall"]["mood_mix"]["sad"].get<double>(), -0.429);
  EXPECT_EQ(morning["top_artists"][0], (nlohmann::json{{"name", "Alpha"}, {"plays", 2}, {"hours", 0.1}}));
  EXPECT_EQ(morning["top_tracks"][1], (nlohmann::json{{"name", "Plain"}, {"artist", "Gamma"}, {"plays", 1}}));
  const auto& evening = json["segments"][2];
  EXPECT_TRUE(evening["mean_valence"].is_null());
  EXPECT_TRUE(evening["vs_overall"]["valence"].is_null());
  EXPECT_TRUE(evening["vs_overall"]["mood_mix"].empty());
  EXPECT_EQ(json["overall"]["plays"], 8);
}

TEST_F(SegmentsTest, BoundariesMoveListensBetweenSegments) {
  const auto bounds = SegmentBoundaries::parse("morning=9");
  const Profile profile = compute_profile(store_.db(), utc_, Period::all(), bounds);
  EXPECT_EQ(segment(profile, "weekday morning").stats.plays, 1);  // only 09:00
  EXPECT_EQ(segment(profile, "weekday night").stats.plays, 4);    // 08:00 and 08:10 join the night
  EXPECT_EQ(segment(profile, "weekend night").stats.plays, 2);    // 04:59 and 05:00
}

TEST_F(SegmentsTest, LastDaysCountBackFromTheNewestListen) {
  const Profile profile = compute_profile(store_.db(), utc_, Period::last_days(1));
  EXPECT_EQ(profile.span.from_ms, at(7, 5, 0) + 1 - 86'400'000);
  EXPECT_EQ(profile.overall.plays, 3);  // Saturday 14:00, Sunday 04:59 and 05:00
}

TEST_F(SegmentsTest, LocalTimeFollowsTheZoneAndDaylightSaving) {
  testing::ListeningStore store;
  const auto song = store.track("Song", "Artist");
  // Sunday 31 March 2024, 03:30 UTC: 05:30 in Berlin (summer time began at 01:00 UTC).
  store.play(song, TimeZone::named("UTC").utc_ms(2024, 3, 31, 3, 30), 3 * kMinute);
  const auto berlin = compute_profile(store.db(), TimeZone::named("Europe/Berlin"), Period::all());
  EXPECT_EQ(segment(berlin, "weekend morning").stats.plays, 1);
  const auto utc = compute_profile(store.db(), utc_, Period::all());
  EXPECT_EQ(segment(utc, "weekend night").stats.plays, 1);
}

TEST(SegmentsEmptyTest, AnEmptyStoreGivesEmptySegmentsNotAnError) {
  testing::ListeningStore store;
  const Profile profile = compute_profile(store.db(), TimeZone::named("UTC"), Period::last_days(30));
  EXPECT_EQ(profile.overall.plays, 0);
  EXPECT_EQ(profile.segments.size(), 8u);
  const auto json = profile.to_json();
  EXPECT_EQ(json["overall"]["share"], 0.0);
  EXPECT_TRUE(json["overall"]["mood_mix"].empty());
  EXPECT_TRUE(json["segments"][7]["top_artists"].empty());
}

}  // namespace
}  // namespace sonic::insight
