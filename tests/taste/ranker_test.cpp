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
  EXPECT_DOUBLE_EQ(ranked[0].parts[static_cast<std::size_t>(ScorePart::artist)], 0.625);
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

TEST(Ranker, RecencyIsANamedPartScaledByTheMostRecentlyDropped) {
  auto signals = three_tracks();
  // Last heard 30, 60 and 90 days before now with a 30-day half-life: 0.5, 0.25, 0.125.
  signals.tracks[0].since_last = 0.125;
  signals.tracks[1].since_last = 0.5;
  signals.tracks[2].since_last = 0.25;
  const auto ranked = rank_candidates(signals, all_of(signals), {}, 10, 0);
  ASSERT_EQ(ranked.size(), 3u);
  // Track 2 = 0.5 + 1 + 1 = 2.5, track 1 = 1 + 0.25 + 0.625 = 1.875, track 3 = 0.25 + 0.5 + 0.625 = 1.375.
  EXPECT_EQ(ranked[0].candidate.track_id, 2);
  EXPECT_DOUBLE_EQ(ranked[0].score, 2.5);
  EXPECT_DOUBLE_EQ(ranked[0].parts[static_cast<std::size_t>(ScorePart::recency)], 1.0);
  EXPECT_EQ(ranked[1].candidate.track_id, 1);
  EXPECT_DOUBLE_EQ(ranked[1].score, 1.875);
  EXPECT_DOUBLE_EQ(ranked[1].parts[static_cast<std::size_t>(ScorePart::recency)], 0.25);
  EXPECT_DOUBLE_EQ(ranked[2].score, 1.375);
  // Shares of track 1: memory 1 / 1.875 = 53.33 %, recency 13.33 %, artist 33.33 %: 54, 13, 33.
  EXPECT_EQ(part_percentages(ranked[1]), (std::array<int, kScorePartCount>{54, 13, 33, 0, 0, 0, 0, 0}));
  // Track 2: 20 %, 40 %, 40 %.
  EXPECT_EQ(part_percentages(ranked[0]), (std::array<int, kScorePartCount>{20, 40, 40, 0, 0, 0, 0, 0}));
  EXPECT_STREQ(score_part_name(ScorePart::recency), "recency");
  // Without the recency weight the order is the one before (1, 2, 3).
  EXPECT_EQ(rank_candidates(signals, all_of(signals), {.recency = 0.0}, 10, 0)[0].candidate.track_id, 1);
}

TEST(Ranker, PercentagesSumToExactlyAHundred) {
  ScoredCandidate thirds{.score = 3.0, .parts = {1.0, 1.0, 1.0, 0.0, 0.0}};
  EXPECT_EQ(part_percentages(thirds), (std::array<int, kScorePartCount>{34, 33, 33, 0, 0, 0, 0, 0}));
  ScoredCandidate fifths{.score = 5.0, .parts = {1.0, 1.0, 1.0, 1.0, 1.0}};
  EXPECT_EQ(part_percentages(fifths), (std::array<int, kScorePartCount>{20, 20, 20, 20, 20, 0, 0, 0}));
  ScoredCandidate scored{.score = 1.625, .parts = {1.0, 0.0, 0.625, 0.0, 0.0}};  // 61.5 %, 38.5 %
  const auto percentages = part_percentages(scored);
  EXPECT_EQ(std::accumulate(percentages.begin(), percentages.end(), 0), 100);
  EXPECT_EQ(percentages[0] + percentages[2], 100);
  EXPECT_EQ(percentages[0], 62);
}

// ln(1 + plays) of 15, 3, 1 plays: ln 16, ln 4, ln 2, scaled by ln 16: 1, 0.5, 0.25; ln(1 + returns)
// of 0, 3, 1 returns: 0, ln 4, ln 2, scaled by ln 4: 0, 1, 0.5.
TEST(Ranker, PlaysAndReturnsAreNamedPartsOnALogScale) {
  LibrarySignals signals;
  signals.tracks = {{.track_id = 1, .artist_id = 10, .plays = 15, .returns = 0},
                    {.track_id = 2, .artist_id = 20, .plays = 3, .returns = 3},
                    {.track_id = 3, .artist_id = 30, .plays = 1, .returns = 1, .season_plays = 2}};
  for (std::size_t i = 0; i < signals.tracks.size(); ++i) signals.index[signals.tracks[i].track_id] = i;
  const RankerWeights weights{
      .memory = 0, .recency = 0, .artist = 0, .co_listening = 0, .genre = 0, .plays = 1, .returns = 1, .season = 0};
  const auto ranked = rank_candidates(signals, all_of(signals), weights, 10, 0);
  ASSERT_EQ(ranked.size(), 3u);
  EXPECT_EQ(ranked[0].candidate.track_id, 2);
  EXPECT_NEAR(ranked[0].score, 1.5, 1e-12);
  EXPECT_EQ(ranked[1].candidate.track_id, 1);
  EXPECT_NEAR(ranked[1].score, 1.0, 1e-12);
  EXPECT_EQ(ranked[2].candidate.track_id, 3);
  EXPECT_NEAR(ranked[2].score, 0.75, 1e-12);
  EXPECT_NEAR(ranked[2].parts[static_cast<std::size_t>(ScorePart::returns)], 0.5, 1e-12);
  EXPECT_EQ(ranked[2].parts[static_cast<std::size_t>(ScorePart::season)], 0.0);  // weight 0
  // 0.5 of 1.5 and 1 of 1.5.
  EXPECT_EQ(part_percentages(ranked[0]), (std::array<int, kScorePartCount>{0, 0, 0, 0, 0, 33, 67, 0}));
  EXPECT_STREQ(score_part_name(ScorePart::returns), "returns");
  // Season alone: only track 3 was heard this time of year.
  const auto by_season =
      rank_candidates(signals, all_of(signals),
                      {.memory = 0, .recency = 0, .artist = 0, .co_listening = 0, .genre = 0, .season = 1}, 10, 0);
  ASSERT_EQ(by_season.size(), 1u);
  EXPECT_EQ(by_season[0].candidate.track_id, 3);
  EXPECT_DOUBLE_EQ(by_season[0].score, 1.0);
}

// Tracks 1..30 by artist 7 score 30..1 (memory = id's reverse); tracks 31 and 32 by artists 8
// and 9 score 0.5 and 0.25. The best 3 with 2 per artist: 1, 2, then 31 — which lies past the
// first 2 × 3 + 16 rows sorted, so the top-k must widen its head to find it.
TEST(Ranker, TopRowsLooksPastALongRunOfOneArtist) {
  LibrarySignals signals;
  for (std::int64_t id = 1; id <= 30; ++id) {
    signals.tracks.push_back({.track_id = id, .artist_id = 7, .long_term = static_cast<double>(31 - id)});
  }
  signals.tracks.push_back({.track_id = 31, .artist_id = 8, .long_term = 0.5});
  signals.tracks.push_back({.track_id = 32, .artist_id = 9, .long_term = 0.25});
  for (std::size_t i = 0; i < signals.tracks.size(); ++i) signals.index[signals.tracks[i].track_id] = i;
  const RankerWeights memory_only{.memory = 1, .recency = 0, .artist = 0, .co_listening = 0, .genre = 0};
  const auto table = part_table(signals, all_of(signals));
  std::vector<double> scores;
  const auto rows = top_rows(table, weight_array(memory_only), 3, 2, scores);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(table.candidates[rows[0]].track_id, 1);
  EXPECT_EQ(table.candidates[rows[1]].track_id, 2);
  EXPECT_EQ(table.candidates[rows[2]].track_id, 31);
  EXPECT_DOUBLE_EQ(scores[rows[2]], 0.5 / 30.0);  // scaled by the largest, 30
  // Four asked: 32 follows; five asked: only four exist under the cap.
  EXPECT_EQ(table.candidates[top_rows(table, weight_array(memory_only), 4, 2, scores)[3]].track_id, 32);
  EXPECT_EQ(top_rows(table, weight_array(memory_only), 5, 2, scores).size(), 4u);
  // Without a cap: the first three by score.
  const auto uncapped = rank_candidates(signals, all_of(signals), memory_only, 3, 0);
  EXPECT_EQ(uncapped[2].candidate.track_id, 3);
}

}  // namespace
}  // namespace sonic::taste
