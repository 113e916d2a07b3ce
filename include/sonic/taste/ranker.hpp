#pragma once
// One ranker for every pool: a candidate's score is the sum of named parts, each a signal scaled
// to 0..1 over the candidates (divided by the largest) times its weight, so each part's share of
// the score is what the explanation says.
#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "sonic/taste/candidate_pools.hpp"
#include "sonic/taste/library_signals.hpp"

namespace sonic::taste {

enum class ScorePart : std::size_t { memory, recency, artist, co_listening, genre, plays, returns, season };
inline constexpr std::size_t kScorePartCount = 8;

const char* score_part_name(ScorePart part);

// Equal weights; `default_ranker_weights()` holds the ones chosen on the real histories.
struct RankerWeights {
  double memory = 1.0;        // how strongly the track is remembered (ACT-R)
  double recency = 1.0;       // how lately it was last heard (what "most recently dropped" ranks by)
  double artist = 1.0;        // how much its artist is played now
  double co_listening = 1.0;  // how much of the current listening shared sessions with it
  double genre = 1.0;         // how close its genres are to the current taste
  double plays = 0.0;         // how often it was ever played, ln(1 + plays) (what "most played" ranks by)
  double returns = 0.0;       // how often it came back after a silence before, ln(1 + returns)
  double season = 0.0;        // how much it was played this time of year, ln(1 + listens a year back)
};

struct ScoredCandidate {
  Candidate candidate{};
  std::int64_t artist_id = 0;
  double score = 0.0;
  std::array<double, kScorePartCount> parts{};  // sum to score
};

// The weights in ScorePart order.
std::array<double, kScorePartCount> weight_array(const RankerWeights& weights);
// One part's weight, to set.
double& weight_of(RankerWeights& weights, ScorePart part);

// The weights chosen on the real histories (bench/taste_history_bench; the closing note of issue 11).
RankerWeights default_ranker_weights();

// The candidates' parts before weighting, each scaled to 0..1 over the candidates (divided by the
// largest; 0 when the largest is 0): computed once, a table serves any number of weightings, so
// trying a weight set costs one dot product per candidate and a top-k (the weight fit's fast path).
struct PartTable {
  std::vector<Candidate> candidates{};  // those with signals, in the order given
  std::vector<std::int64_t> artist_ids{};
  std::vector<std::array<double, kScorePartCount>> scaled{};
};

PartTable part_table(const LibrarySignals& signals, std::span<const Candidate> candidates);

// The rows of the best `size` by score Σ weight × scaled part (ties by track id), at most
// `max_per_artist` per artist (0: no cap); rows scoring 0 are left out. `scores` is scratch space.
std::vector<std::size_t> top_rows(const PartTable& table, const std::array<double, kScorePartCount>& weights,
                                  std::size_t size, int max_per_artist, std::vector<double>& scores);

// The best `size` candidates by score (ties by track id), at most `max_per_artist` per artist
// (0: no cap); candidates scoring 0 are left out.
std::vector<ScoredCandidate> rank_candidates(const LibrarySignals& signals, std::span<const Candidate> candidates,
                                             const RankerWeights& weights, std::size_t size, int max_per_artist);

// Whole percentages of each part, summing to exactly 100 (largest remainders get the rounding).
std::array<int, kScorePartCount> part_percentages(const ScoredCandidate& scored);
// The same for any non-negative parts (all 0 when they sum to 0).
std::vector<int> whole_percentages(std::span<const double> parts);

}  // namespace sonic::taste
