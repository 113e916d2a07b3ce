#include "ml/gbdt/quantile_cuts.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

#include "ml/common/thread_pool.hpp"
#include "sonic/core/random.hpp"

namespace sonic::ml::gbdt {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

struct DistinctValue {
  double value;
  std::size_t count;
};

std::vector<DistinctValue> distinct_values(std::span<const double> sorted) {
  std::vector<DistinctValue> distinct;
  for (double value : sorted) {
    if (distinct.empty() || distinct.back().value != value) {
      distinct.push_back({value, 0});
    }
    distinct.back().count += 1;
  }
  return distinct;
}

// Sorts values (no NaN) ascending: an LSD radix sort, 11 bits a pass, on 64-bit keys that order
// as the doubles do. Every feature's cut sample (up to 200k values) is sorted once per fit, and
// this is several times faster than a comparison sort there.
void sort_values(std::vector<double>& values) {
  constexpr int kDigitBits = 11;
  constexpr std::uint64_t kDigitMask = (1u << kDigitBits) - 1;
  constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;
  std::vector<std::uint64_t> keys(values.size());
  std::vector<std::uint64_t> sorted(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    // Positive doubles order as their bits; negative ones in reverse, and below the positives.
    const auto bits = std::bit_cast<std::uint64_t>(values[i]);
    keys[i] = bits & kSignBit ? ~bits : bits | kSignBit;
  }
  std::vector<std::size_t> starts(kDigitMask + 1);
  for (int shift = 0; shift < 64; shift += kDigitBits) {
    std::fill(starts.begin(), starts.end(), 0);
    for (std::uint64_t key : keys) ++starts[(key >> shift) & kDigitMask];
    if (std::count(starts.begin(), starts.end(), keys.size()) == 1) continue;  // one digit: in order
    std::size_t start = 0;
    for (std::size_t& slot : starts) start += std::exchange(slot, start);
    for (std::uint64_t key : keys) sorted[starts[(key >> shift) & kDigitMask]++] = key;
    keys.swap(sorted);
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    values[i] = std::bit_cast<double>(keys[i] & kSignBit ? keys[i] & ~kSignBit : ~keys[i]);
  }
}

// The rows whose values place the cuts: all, or a seeded sample of kCutSampleRows in row order.
std::vector<Eigen::Index> cut_sample_rows(Eigen::Index rows, std::uint64_t seed) {
  std::vector<Eigen::Index> sample(static_cast<std::size_t>(rows));
  std::iota(sample.begin(), sample.end(), Eigen::Index{0});
  if (sample.size() <= kCutSampleRows) return sample;
  // Partial Fisher-Yates: only the first kCutSampleRows places are drawn.
  SeededRandom random(seed);
  for (std::size_t i = 0; i < kCutSampleRows; ++i) {
    std::swap(sample[i], sample[i + random.below(sample.size() - i)]);
  }
  sample.resize(kCutSampleRows);
  std::sort(sample.begin(), sample.end());
  return sample;
}

}  // namespace

std::vector<double> quantile_upper_edges(std::span<const double> sorted_values, std::size_t max_bins) {
  const std::vector<DistinctValue> distinct = distinct_values(sorted_values);
  std::vector<double> edges;
  if (distinct.size() <= max_bins) {
    for (std::size_t j = 1; j < distinct.size(); ++j) edges.push_back(distinct[j].value);
    edges.push_back(kInfinity);
    return edges;
  }
  // Value j covers the ranks [before_j, before_j + count_j). A summary of max_bins + 1 values is
  // picked: the lowest, the highest, and for each of max_bins - 1 target ranks spread evenly
  // between them the value whose rank interval has its middle nearest the target. Its values
  // after the lowest become the edges (a value taken as an edge is the lowest of its bin). This
  // is XGBoost's rule for pruning a quantile summary, so that where its sketch is exact both
  // tools cut at the same values; a value heavier than a bin is taken once and keeps a bin of
  // its own. Except the lowest value: the rule lumps it with the next targets' values, so a
  // lowest value heavier than a bin (the zeros of a count) gets its bin here explicitly.
  const std::size_t last = distinct.size() - 1;
  std::vector<double> before(distinct.size(), 0.0);
  for (std::size_t j = 1; j <= last; ++j) {
    before[j] = before[j - 1] + static_cast<double>(distinct[j - 1].count);
  }
  const double first_rank = static_cast<double>(distinct.front().count);
  const double range = before[last] - first_rank;
  std::vector<std::size_t> summary = {0};
  if (first_rank * static_cast<double>(max_bins) >= before[last] + static_cast<double>(distinct[last].count)) {
    summary.push_back(1);
  }
  std::size_t j = 1;
  for (std::size_t k = 1; k < max_bins; ++k) {
    const double twice_target = 2 * (static_cast<double>(k) * range / static_cast<double>(max_bins) + first_rank);
    while (j < last && twice_target >= 2 * before[j + 1] + static_cast<double>(distinct[j + 1].count)) {
      ++j;
    }
    if (j == last) break;
    const std::size_t taken = twice_target < 2 * before[j + 1] ? j : j + 1;
    if (taken != summary.back()) summary.push_back(taken);
  }
  if (summary.back() != last) summary.push_back(last);
  for (std::size_t s = 1; s < std::min(summary.size(), max_bins); ++s) {
    edges.push_back(distinct[summary[s]].value);
  }
  edges.push_back(kInfinity);
  return edges;
}

FeatureCuts compute_feature_cuts(const Eigen::MatrixXd& features, int max_bin, std::uint64_t seed, ThreadPool& pool) {
  const auto feature_count = static_cast<std::size_t>(features.cols());
  const std::vector<Eigen::Index> sample = cut_sample_rows(features.rows(), seed);
  FeatureCuts cuts;
  cuts.upper_edges.resize(feature_count);
  std::vector<char> has_missing(feature_count, 0);  // vector<bool> is not safe to share
  pool.run(feature_count, [&](std::size_t feature) {
    const auto column = features.col(static_cast<Eigen::Index>(feature));
    // Missingness is checked on every row: a NaN must have a code even if no sampled row has it.
    has_missing[feature] = column.hasNaN() ? 1 : 0;
    std::vector<double> values;
    values.reserve(sample.size());
    for (Eigen::Index row : sample) {
      if (!std::isnan(column[row])) values.push_back(column[row]);
    }
    sort_values(values);
    // Codes are bytes: with a code taken by missing values, 255 are left for bins.
    const std::size_t max_bins =
        std::min(static_cast<std::size_t>(max_bin), std::size_t{256} - static_cast<std::size_t>(has_missing[feature]));
    cuts.upper_edges[feature] = quantile_upper_edges(values, max_bins);
  });
  cuts.has_missing.assign(has_missing.begin(), has_missing.end());
  return cuts;
}

}  // namespace sonic::ml::gbdt
