#pragma once
// Quantile binning, the heart of the `hist` method: each feature's values are cut into at most
// 256 bins holding about equal numbers of rows, so split finding scans bins instead of sorting.
#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "ml/common/thread_pool.hpp"

namespace sonic::ml::gbdt {

// Bin b of a feature holds the present values v with upper_edges[b-1] <= v < upper_edges[b];
// the last edge is +infinity. So "code <= b" on bins is exactly "value < upper_edges[b]" on raw
// values, which is how a split learned on bins is written into the model.
struct FeatureCuts {
  std::vector<std::vector<double>> upper_edges;  // per feature, ascending, last = +infinity
  std::vector<bool> has_missing;                 // per feature: NaN seen in the training data
};

// Upper edges for one feature's present values, sorted ascending, in at most `max_bins` bins.
// With no more distinct values than bins every distinct value gets its own bin (the edges are
// the values themselves, as XGBoost's); otherwise the edges are values at evenly spaced ranks,
// chosen by XGBoost's rule for pruning a quantile summary (so both tools cut alike), and a
// value heavier than a bin keeps a bin of its own.
std::vector<double> quantile_upper_edges(std::span<const double> sorted_values, std::size_t max_bins);

// Rows used to place the cuts: all of them up to this many, else a seeded sample this large
// (as LightGBM's bin_construct_sample_cnt): quantiles from 200k rows are within a fraction of
// a bin of the exact ones, and sorting a million values per feature would cost more than a tree.
inline constexpr std::size_t kCutSampleRows = 200'000;

// Cuts for every column of `features` (rows = samples, NaN = missing): at most `max_bin` bins of
// present values, and a code of their own for missing values (so at 256 bins, the most a byte
// can number, a feature with missing values gets 255).
FeatureCuts compute_feature_cuts(const Eigen::MatrixXd& features, int max_bin, std::uint64_t seed, ThreadPool& pool);

}  // namespace sonic::ml::gbdt
