// The "beyond your library" pool's ranking, seeds and catalog evidence, by hand.
#include "sonic/taste/discover.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace sonic::taste {
namespace {

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kNow = 100 * kDay;

// Alpha's "One" heard just now (recent weight 1), Beta's "Two" 30 days ago (weight 1/2), Beta's
// "Three" 60 days ago (1/4): artist shares Alpha 1/1.75, Beta 0.75/1.75.
ListeningData history() {
  std::vector<records::TasteTrack> tracks = {
      {.id = 1, .name = "One", .artist_id = 10, .artist = "Alpha", .spotify_id = "1111111111111111111111"},
      {.id = 2, .name = "Two", .artist_id = 20, .artist = "Beta"},
      {.id = 3, .name = "Three", .artist_id = 20, .artist = "Beta"}};
  std::vector<records::TasteListen> listens = {
      {kNow - 60 * kDay, 180'000, 3, 20}, {kNow - 30 * kDay, 180'000, 2, 20}, {kNow, 180'000, 1, 10}};
  return make_listening_data(std::move(listens), std::move(tracks), {}, {});
}

TEST(DiscoverSeeds, ArtistsAndTracksByTheirShareOfTheCurrentListening) {
  const auto data = history();
  const auto signals = compute_library_signals(data, data.listens, kNow, {});
  const auto seeds = discover_seeds(data, signals, 2);
  ASSERT_EQ(seeds.artists.size(), 2u);
  EXPECT_EQ(seeds.artists[0].name, "Alpha");
  EXPECT_NEAR(seeds.artists[0].weight, 1.0 / 1.75, 1e-9);
  EXPECT_EQ(seeds.artists[1].name, "Beta");
  EXPECT_NEAR(seeds.artists[1].weight, 0.75 / 1.75, 1e-9);
  ASSERT_EQ(seeds.tracks.size(), 2u);  // the two heaviest of three
  EXPECT_EQ(seeds.tracks[0].name, "One");
  EXPECT_EQ(seeds.tracks[0].spotify_id, "1111111111111111111111");
  EXPECT_NEAR(seeds.tracks[0].weight, 1.0 / 1.75, 1e-9);
  EXPECT_EQ(seeds.tracks[1].name, "Two");
  EXPECT_NEAR(seeds.tracks[1].weight, 0.5 / 1.75, 1e-9);
}

TEST(RankDiscoveries, ScoreIsMatchTimesSeedWeightSummedAndReasonsAreTheirShares) {
  const auto data = history();
  const std::vector<DiscoverEvidence> evidence = {
      {"Gamma", "", "", "similar to Alpha on Last.fm", 0.5, 0.6},                   // 0.30
      {"Gamma", "", "", "similar to Beta on Last.fm", 1.0, 0.1},                    // 0.10 → Gamma 0.40
      {"Delta", "Song", "2222222222222222222222", "like One by Alpha", 0.9, 0.5},   // 0.45
      {"Beta", "", "", "similar to Alpha on Last.fm", 1.0, 1.0},                    // heard artist: left out
      {"alpha", "ONE", "", "like Two by Beta", 1.0, 1.0},                           // heard track by name
      {"Zeta", "Renamed", "1111111111111111111111", "like Two by Beta", 1.0, 1.0},  // heard by ID
      {"Eta", "A", "", "like your top tracks on ReccoBeats", 0.4, 0.5},             // 0.20
      {"Eta", "B", "", "like your top tracks on ReccoBeats", 0.2, 0.5}};            // 0.10
  const auto picks = rank_discoveries(data, evidence, 10, 1);
  ASSERT_EQ(picks.size(), 3u);  // Eta's second track over the cap
  EXPECT_EQ(picks[0].artist, "Delta");
  EXPECT_EQ(picks[0].track, "Song");
  EXPECT_EQ(picks[0].spotify_id, "2222222222222222222222");
  EXPECT_EQ(picks[0].pool, Pool::discover);
  EXPECT_DOUBLE_EQ(picks[0].score, 0.45);
  ASSERT_EQ(picks[0].reasons.size(), 1u);
  EXPECT_EQ(picks[0].reasons[0].percent, 100);
  EXPECT_EQ(picks[1].artist, "Gamma");
  EXPECT_EQ(picks[1].track, "");  // the artist as a whole
  EXPECT_NEAR(picks[1].score, 0.4, 1e-12);
  ASSERT_EQ(picks[1].reasons.size(), 2u);
  EXPECT_EQ(picks[1].reasons[0].because, "similar to Alpha on Last.fm");
  EXPECT_EQ(picks[1].reasons[0].percent, 75);
  EXPECT_EQ(picks[1].reasons[1].because, "similar to Beta on Last.fm");
  EXPECT_EQ(picks[1].reasons[1].percent, 25);
  EXPECT_EQ(picks[2].track, "A");
  EXPECT_DOUBLE_EQ(picks[2].score, 0.2);
  EXPECT_EQ(rank_discoveries(data, evidence, 2, 0).size(), 2u);
  EXPECT_EQ(rank_discoveries(data, evidence, 10, 0).size(), 4u);
}

TEST(RankDiscoveries, ThreeEqualReasonsStillSumToAHundred) {
  const auto data = history();
  const std::vector<DiscoverEvidence> evidence = {
      {"Gamma", "", "", "x", 1.0, 0.2}, {"Gamma", "", "", "y", 1.0, 0.2}, {"Gamma", "", "", "z", 1.0, 0.2}};
  const auto picks = rank_discoveries(data, evidence, 5, 2);
  ASSERT_EQ(picks.size(), 1u);
  int total = 0;
  for (const auto& reason : picks[0].reasons) total += reason.percent;
  EXPECT_EQ(total, 100);
  EXPECT_EQ(picks[0].reasons[0].percent, 34);
}

TEST(CatalogEvidence, TracksByPlayedOrSimilarArtists) {
  const DiscoverSeeds seeds{{{"Alpha", 0.6}, {"Beta", 0.4}}, {}};
  const std::vector<DiscoverEvidence> similar = {{"Omega", "", "", "similar to Beta on Last.fm", 0.5, 0.4},
                                                 {"Kappa", "K", "", "like Two by Beta on Last.fm", 1.0, 0.4}};
  const std::vector<CatalogTrack> catalog = {{"3333333333333333333333", "New One", "['Zed', 'alpha']"},
                                             {"4444444444444444444444", "Far", "Omega"},
                                             {"5555555555555555555555", "Track by Kappa", "Kappa"},  // track-level only
                                             {"6666666666666666666666", "Nobody's", "Nobody"}};
  const auto evidence = catalog_evidence(catalog, seeds, similar);
  ASSERT_EQ(evidence.size(), 2u);
  EXPECT_EQ(evidence[0].artist, "Alpha");  // as the history spells it
  EXPECT_EQ(evidence[0].track, "New One");
  EXPECT_EQ(evidence[0].spotify_id, "3333333333333333333333");
  EXPECT_EQ(evidence[0].because, "more by Alpha, whom you play (catalog)");
  EXPECT_DOUBLE_EQ(evidence[0].match * evidence[0].seed_weight, 0.6);
  EXPECT_EQ(evidence[1].because, "Omega, similar to Beta on Last.fm (catalog)");
  EXPECT_DOUBLE_EQ(evidence[1].match * evidence[1].seed_weight, 0.2);
}

}  // namespace
}  // namespace sonic::taste
