#include "sonic/taste/taste_profile.hpp"

#include <gtest/gtest.h>

#include "sonic/taste/profile_summary.hpp"

namespace sonic::taste {
namespace {

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kHour = 3'600'000;
constexpr std::int64_t kAsOf = 1000 * kDay;

ListeningData two_tracks() {
  std::vector<records::TasteTrack> tracks = {
      {.id = 1, .name = "One", .artist_id = 10, .artist = "Alpha", .cluster_label = "calm"},
      {.id = 2, .name = "Two", .artist_id = 20, .artist = "Beta"}};
  std::vector<records::TasteListen> listens = {{kAsOf - 90 * kDay + 8 * kHour, 200'000, 1, 10},
                                               {kAsOf - 10 * kHour + 0, 200'000, 2, 20}};
  const std::vector<records::ItemTag> track_tags = {{1, "Indie", 100}, {1, "rock", 100}, {1, "seen live", 100}};
  const std::vector<records::ItemTag> artist_tags = {{20, "jazz", 60}, {20, "british", 50}};
  return make_listening_data(std::move(listens), std::move(tracks), track_tags, artist_tags);
}

TEST(TasteProfile, WeightsAreDecayedSumsByHand) {
  const auto data = two_tracks();
  const auto profile = build_taste_profile(data, data.listens, kAsOf, {}, TimeZone::named("UTC"));
  // Track 1 is 90 days minus 8 hours old; track 2 is 10 hours old.
  const double w1 = std::exp2(-(90.0 - 8.0 / 24.0) / 90.0);
  const double w2 = std::exp2(-(10.0 / 24.0) / 90.0);
  EXPECT_EQ(profile.listens, 2);
  EXPECT_EQ(profile.listens_with_genre, 2);
  EXPECT_DOUBLE_EQ(profile.track_weights.at(1), w1);
  EXPECT_DOUBLE_EQ(profile.artist_weights.at(20), w2);
  EXPECT_DOUBLE_EQ(profile.genre_weights.at("indie"), 0.5 * w1);  // "seen live" takes no share
  EXPECT_DOUBLE_EQ(profile.genre_weights.at("rock"), 0.5 * w1);
  EXPECT_DOUBLE_EQ(profile.genre_weights.at("jazz"), w2);  // from its artist, having no own tags
  EXPECT_DOUBLE_EQ(profile.descriptor_weights.at("british"), w2);
  EXPECT_DOUBLE_EQ(profile.cluster_weights.at("calm"), w1);
  EXPECT_DOUBLE_EQ(profile.hour_weights[8], w1);
  EXPECT_DOUBLE_EQ(profile.hour_weights[14], w2);  // 24:00 − 10 h
  EXPECT_DOUBLE_EQ(profile.total_weight, w1 + w2);
}

TEST(TasteProfile, ListensAfterTheMomentAreLeftOut) {
  const auto data = two_tracks();
  const auto profile = build_taste_profile(data, data.listens, kAsOf - 20 * kHour, {}, TimeZone::named("UTC"));
  EXPECT_EQ(profile.listens, 1);
  EXPECT_FALSE(profile.track_weights.contains(2));
}

TEST(TasteProfile, SummaryHoldsSharesOnlyAndReadsBack) {
  const auto data = two_tracks();
  const auto summary =
      summarise_profile(data, build_taste_profile(data, data.listens, kAsOf, {}, TimeZone::named("UTC")));
  ASSERT_EQ(summary.artists.size(), 2u);
  EXPECT_EQ(summary.artists[0].name, "Beta");  // the heavier, recent one
  EXPECT_EQ(summary.artists[0].genres, std::vector<std::string>{"jazz"});
  EXPECT_NEAR(summary.artists[0].share + summary.artists[1].share, 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(summary.genre_coverage, 1.0);
  const auto json = to_json(summary);
  EXPECT_EQ(json["format"], "sonic.taste-profile");
  EXPECT_EQ(json["version"], kProfileVersion);
  const auto back = profile_from_json(json, "mine.json");
  EXPECT_EQ(back.artists.size(), 2u);
  EXPECT_EQ(back.genres[0].key, summary.genres[0].key);
  EXPECT_DOUBLE_EQ(back.hours[14], summary.hours[14]);
  EXPECT_EQ(back.top_tracks[0].name, "Beta - Two");
}

}  // namespace
}  // namespace sonic::taste
