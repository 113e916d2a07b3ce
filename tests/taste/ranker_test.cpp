#include "sonic/taste/ranker.hpp"

#include <gtest/gtest.h>

#include <numeric>

namespace sonic::taste {
namespace {

LibrarySignals three_tracks() {
  LibrarySignals signals;
  signals.tracks = {{.track_id = 1, .artist_id = 10, .long_term = 2.0, .artist_now = 0.5},
                    {.track_id = 2, .artist_id = 20, .long_term = 1.0, .artist_now = 0.8},
                    {.track_id = 3, .artist_id = 10, .long_term = 0.5, .artist_now = 0.5},
                    {.track_id = 4, .artist_id = 30}};  // no signal at all
  for (std::size_t i = 0; i < signals.tracks.size(); ++i) signals.index[signals.tracks[i].track_id] = i;
  return signals;
}

std::vector<Candidate> all_of(const LibrarySignals& signals) {
  std::vector<Candidate> candidates;
  for (const auto& track : signals.tracks) candidates.push_back({track.track_id, Pool::rediscover});
  return candidates;
}

TEST(Ranker, ScoreIsTheSumOfPartsScaledByTheLargest) {
  const auto signals = three_tracks();
  const auto ranked = rank_candidates(signals, all_of(signals), {}, 10, 0);
  ASSERT_EQ(ranked.size(), 3u);  // track 4 scores 0
  // Largest long_term 2, artist 0.8: track 1 = 1 + 0.625, track 2 = 0.5 + 1, track 3 = 0.25 + 0.625.
  EXPECT_EQ(ranked[0].candidate.track_id, 1);
  EXPECT_DOUBLE_EQ(ranked[0].score, 1.625);
  EXPECT_DOUBLE_EQ(ranked[0].parts[0], 1.0);
  EXPECT_DOUBLE_EQ(ranked[0].parts[1], 0.625);
  EXPECT_EQ(ranked[1].candidate.track_id, 2);
  EXPECT_DOUBLE_EQ(ranked[1].score, 1.5);
  EXPECT_EQ(ranked[2].candidate.track_id, 3);
  EXPECT_DOUBLE_EQ(ranked[2].score, 0.875);
}

TEST(Ranker, WeightsMoveTheOrder) {
  const auto signals = three_tracks();
  const auto ranked = rank_candidates(signals, all_of(signals), {.memory = 0.1}, 10, 0);
  EXPECT_EQ(ranked[0].candidate.track_id, 2);  // 0.05 + 1 beats 0.1 + 0.625
}

TEST(Ranker, AtMostSoManyPerArtist) {
  const auto signals = three_tracks();
  const auto ranked = rank_candidates(signals, all_of(signals), {}, 10, 1);
  ASSERT_EQ(ranked.size(), 2u);
  EXPECT_EQ(ranked[0].candidate.track_id, 1);
  EXPECT_EQ(ranked[1].candidate.track_id, 2);  // track 3 is artist 10's second
  EXPECT_EQ(rank_candidates(signals, all_of(signals), {}, 1, 0).size(), 1u);
}

TEST(Ranker, PercentagesSumToExactlyAHundred) {
  ScoredCandidate thirds{.score = 3.0, .parts = {1.0, 1.0, 1.0, 0.0}};
  EXPECT_EQ(part_percentages(thirds), (std::array<int, 4>{34, 33, 33, 0}));
  ScoredCandidate scored{.score = 1.625, .parts = {1.0, 0.625, 0.0, 0.0}};  // 61.5 %, 38.5 %
  const auto percentages = part_percentages(scored);
  EXPECT_EQ(std::accumulate(percentages.begin(), percentages.end(), 0), 100);
  EXPECT_EQ(percentages[0] + percentages[1], 100);
  EXPECT_EQ(percentages[0], 62);
}

}  // namespace
}  // namespace sonic::taste
