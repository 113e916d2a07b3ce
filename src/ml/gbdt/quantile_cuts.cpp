#include "sonic/ml/gbdt/quantile_cuts.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "sonic/core/random.hpp"
#include "sonic/ml/gbdt/worker_pool.hpp"

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

std::vector<double> quantile_upper_edges(std::span<const double> sorted_values,
                                         std::size_t max_bins) {
  const std::vector<DistinctValue> distinct = distinct_values(sorted_values);
  std::vector<double> edges;
  if (distinct.size() <= max_bins) {
    for (std::size_t j = 1; j < distinct.size(); ++j) edges.push_back(distinct[j].value);
    edges.push_back(kInfinity);
    return edges;
  }
  double rows_left = static_cast<double>(sorted_values.size());
  std::size_t bins_left = max_bins;
  double in_bin = 0;
  for (std::size_t j = 0; j + 1 < distinct.size() && bins_left > 1; ++j) {
    in_bin += static_cast<double>(distinct[j].count);
    const double target = rows_left / static_cast<double>(bins_left);
    const double next = static_cast<double>(distinct[j + 1].count);
    // Close the bin when taking the next value would overshoot the target by more than
    // stopping short of it does.
    if (in_bin + next / 2 >= target) {
      edges.push_back(distinct[j + 1].value);
      rows_left -= in_bin;
      in_bin = 0;
      bins_left -= 1;
    }
  }
  edges.push_back(kInfinity);
  return edges;
}

FeatureCuts compute_feature_cuts(const Eigen::MatrixXd& features, int max_bin,
                                 std::uint64_t seed, WorkerPool& pool) {
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
    std::sort(values.begin(), values.end());
    const auto max_bins = static_cast<std::size_t>(max_bin) - static_cast<std::size_t>(has_missing[feature]);
    cuts.upper_edges[feature] = quantile_upper_edges(values, max_bins);
  });
  cuts.has_missing.assign(has_missing.begin(), has_missing.end());
  return cuts;
}

}  // namespace sonic::ml::gbdt
