#include "sonic/ml/gbdt/binned_matrix.hpp"

#include <algorithm>
#include <cmath>

#include "sonic/ml/gbdt/worker_pool.hpp"

namespace sonic::ml::gbdt {

std::uint8_t bin_code(const std::vector<double>& upper_edges, double value) {
  if (std::isnan(value)) return static_cast<std::uint8_t>(upper_edges.size());
  // Counts the edges <= value (the last edge, +infinity, never is) by a binary search without
  // branches on the data: binning is a pass over every value, and mispredicted branches would
  // dominate it.
  const double* edges = upper_edges.data();
  std::size_t low = 0;
  std::size_t length = upper_edges.size();
  while (length > 1) {
    const std::size_t half = length / 2;
    low += edges[low + half - 1] <= value ? half : 0;
    length -= half;
  }
  return static_cast<std::uint8_t>(low + (edges[low] <= value ? 1 : 0));
}

BinnedMatrix::BinnedMatrix(const Eigen::MatrixXd& features, FeatureCuts cuts, WorkerPool& pool)
    : rows_(static_cast<std::size_t>(features.rows())), cuts_(std::move(cuts)) {
  const std::size_t features_count = cuts_.upper_edges.size();
  slot_offsets_.assign(features_count + 1, 0);
  for (std::size_t f = 0; f < features_count; ++f) {
    slot_offsets_[f + 1] = slot_offsets_[f] + bin_count(f) + (cuts_.has_missing[f] ? 1 : 0);
  }
  codes_.resize(features_count * rows_);
  // Blocks of rows, so that a matrix of few features still keeps every thread busy.
  constexpr std::size_t kBlockRows = 1 << 16;
  const std::size_t blocks_per_feature = (rows_ + kBlockRows - 1) / kBlockRows;
  pool.run(features_count * blocks_per_feature, [&](std::size_t task) {
    const std::size_t feature = task / blocks_per_feature;
    const std::size_t begin = (task % blocks_per_feature) * kBlockRows;
    const std::size_t end = std::min(rows_, begin + kBlockRows);
    const double* values = features.col(static_cast<Eigen::Index>(feature)).data();
    const std::vector<double>& edges = cuts_.upper_edges[feature];
    std::uint8_t* codes = codes_.data() + feature * rows_;
    for (std::size_t row = begin; row < end; ++row) codes[row] = bin_code(edges, values[row]);
  });
}

}  // namespace sonic::ml::gbdt
