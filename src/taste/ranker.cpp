#include "sonic/taste/ranker.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace sonic::taste {
namespace {

// Each part's weight, in ScorePart order.
constexpr std::array<double RankerWeights::*, kScorePartCount> kWeightMembers = {
    &RankerWeights::memory, &RankerWeights::recency, &RankerWeights::artist,  &RankerWeights::co_listening,
    &RankerWeights::genre,  &RankerWeights::plays,   &RankerWeights::returns, &RankerWeights::season};

std::array<double, kScorePartCount> raw_parts(const TrackSignals& track) {
  return {track.long_term,
          track.since_last,
          track.artist_now,
          track.co_listening,
          track.tag_similarity,
          std::log1p(static_cast<double>(track.plays)),
          std::log1p(static_cast<double>(track.returns)),
          std::log1p(static_cast<double>(track.season_plays))};
}

}  // namespace

std::array<double, kScorePartCount> weight_array(const RankerWeights& weights) {
  std::array<double, kScorePartCount> values{};
  for (std::size_t p = 0; p < kScorePartCount; ++p) values[p] = weights.*kWeightMembers[p];
  return values;
}

double& weight_of(RankerWeights& weights, ScorePart part) {
  return weights.*kWeightMembers[static_cast<std::size_t>(part)];
}

const char* score_part_name(ScorePart part) {
  switch (part) {
    case ScorePart::memory:
      return "memory";
    case ScorePart::recency:
      return "recency";
    case ScorePart::artist:
      return "artist";
    case ScorePart::co_listening:
      return "co_listening";
    case ScorePart::genre:
      return "genre";
    case ScorePart::plays:
      return "plays";
    case ScorePart::returns:
      return "returns";
    case ScorePart::season:
      return "season";
  }
  return "?";
}

RankerWeights default_ranker_weights() {
  // Chosen by `taste_history_bench --choose-weights`: coordinate ascent from all-1 (plays, returns
  // and season at 0) on rediscovery origins 13-24 months before the end of the histories that
  // have them (anton, the zip), never on a scored month. It dropped the artist part (1 → 0).
  return {.memory = 1.0,
          .recency = 1.0,
          .artist = 0.0,
          .co_listening = 1.0,
          .genre = 1.0,
          .plays = 0.0,
          .returns = 0.0,
          .season = 0.0};
}

PartTable part_table(const LibrarySignals& signals, std::span<const Candidate> candidates) {
  PartTable table;
  std::array<double, kScorePartCount> largest{};
  for (const auto& candidate : candidates) {
    const auto* track = signals.find(candidate.track_id);
    if (track == nullptr) continue;
    table.candidates.push_back(candidate);
    table.artist_ids.push_back(track->artist_id);
    table.scaled.push_back(raw_parts(*track));
    for (std::size_t p = 0; p < kScorePartCount; ++p) largest[p] = std::max(largest[p], table.scaled.back()[p]);
  }
  for (auto& row : table.scaled) {
    for (std::size_t p = 0; p < kScorePartCount; ++p) row[p] = largest[p] > 0 ? row[p] / largest[p] : 0.0;
  }
  return table;
}

std::vector<std::size_t> top_rows(const PartTable& table, const std::array<double, kScorePartCount>& weights,
                                  std::size_t size, int max_per_artist, std::vector<double>& scores) {
  const std::size_t count = table.scaled.size();
  scores.assign(count, 0.0);
  std::vector<std::size_t> positive;
  positive.reserve(count);
  for (std::size_t row = 0; row < count; ++row) {
    double score = 0.0;
    for (std::size_t p = 0; p < kScorePartCount; ++p) score += weights[p] * table.scaled[row][p];
    scores[row] = score;
    if (score > 0) positive.push_back(row);
  }
  const auto better = [&](std::size_t a, std::size_t b) {
    return scores[a] != scores[b] ? scores[a] > scores[b] : table.candidates[a].track_id < table.candidates[b].track_id;
  };
  // Only the head of the order is needed: sort a prefix, and widen it when the artist cap has
  // passed over too many of it to fill `size`.
  std::size_t head = std::min(positive.size(), 2 * std::min(size, positive.size()) + 16);
  for (;;) {
    std::nth_element(positive.begin(), positive.begin() + static_cast<std::ptrdiff_t>(head), positive.end(), better);
    std::sort(positive.begin(), positive.begin() + static_cast<std::ptrdiff_t>(head), better);
    std::vector<std::size_t> chosen;
    std::unordered_map<std::int64_t, int> per_artist;
    for (std::size_t i = 0; i < head && chosen.size() < size; ++i) {
      const std::size_t row = positive[i];
      if (max_per_artist > 0 && per_artist[table.artist_ids[row]] >= max_per_artist) continue;
      ++per_artist[table.artist_ids[row]];
      chosen.push_back(row);
    }
    if (chosen.size() >= size || head == positive.size()) return chosen;
    head = std::min(positive.size(), 2 * head);
  }
}

std::vector<ScoredCandidate> rank_candidates(const LibrarySignals& signals, std::span<const Candidate> candidates,
                                             const RankerWeights& weights, std::size_t size, int max_per_artist) {
  const auto table = part_table(signals, candidates);
  const auto part_weights = weight_array(weights);
  std::vector<double> scores;
  std::vector<ScoredCandidate> chosen;
  for (const std::size_t row : top_rows(table, part_weights, size, max_per_artist, scores)) {
    ScoredCandidate entry{.candidate = table.candidates[row], .artist_id = table.artist_ids[row], .score = scores[row]};
    for (std::size_t p = 0; p < kScorePartCount; ++p) entry.parts[p] = part_weights[p] * table.scaled[row][p];
    chosen.push_back(entry);
  }
  return chosen;
}

std::vector<int> whole_percentages(std::span<const double> parts) {
  std::vector<int> percentages(parts.size(), 0);
  const double total = std::accumulate(parts.begin(), parts.end(), 0.0);
  if (total <= 0 || parts.empty()) return percentages;
  std::vector<double> remainders(parts.size());
  int given = 0;
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const double exact = 100.0 * parts[p] / total;
    percentages[p] = static_cast<int>(std::floor(exact));
    remainders[p] = exact - percentages[p];
    given += percentages[p];
  }
  std::vector<std::size_t> order(parts.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::size_t i = 0; given < 100; ++i, ++given) ++percentages[order[i % parts.size()]];
  return percentages;
}

std::array<int, kScorePartCount> part_percentages(const ScoredCandidate& scored) {
  std::array<int, kScorePartCount> percentages{};
  if (scored.score <= 0) return percentages;
  const auto whole = whole_percentages(scored.parts);
  std::copy(whole.begin(), whole.end(), percentages.begin());
  return percentages;
}

}  // namespace sonic::taste
