#include "ml/gbdt/binned_matrix.hpp"
#include "ml/common/thread_pool.hpp"

#include <algorithm>
#include <cmath>

namespace sonic::ml::gbdt {

std::uint8_t bin_code(const std::vector<double>& upper_edges, double value) {
  std::uint8_t code = 0;
  bin_codes(upper_edges, &value, 1, &code);
  return code;
}

void bin_codes(const std::vector<double>& upper_edges, const double* values, std::size_t count, std::uint8_t* codes) {
  // Counts the edges <= value (the last edge, +infinity, never is) by binary search without
  // branches on the data, since mispredictions would dominate a pass over every value. One
  // search is a chain of dependent loads, but every search takes the same steps (they depend
  // on the number of edges only), so kLanes values are searched side by side and their loads
  // overlap.
  constexpr std::size_t kLanes = 8;
  const double* edges = upper_edges.data();
  const std::size_t edge_count = upper_edges.size();
  const auto missing_code = static_cast<std::uint8_t>(edge_count);
  auto finish = [&](std::size_t low, double value) {
    if (std::isnan(value)) return missing_code;
    return static_cast<std::uint8_t>(low + (edges[low] <= value ? 1 : 0));
  };
  std::size_t i = 0;
  for (; i + kLanes <= count; i += kLanes) {
    std::size_t low[kLanes] = {};
    for (std::size_t length = edge_count; length > 1;) {
      const std::size_t half = length / 2;
      for (std::size_t lane = 0; lane < kLanes; ++lane) {
        low[lane] += edges[low[lane] + half - 1] <= values[i + lane] ? half : 0;
      }
      length -= half;
    }
    for (std::size_t lane = 0; lane < kLanes; ++lane) codes[i + lane] = finish(low[lane], values[i + lane]);
  }
  for (; i < count; ++i) {
    std::size_t low = 0;
    for (std::size_t length = edge_count; length > 1;) {
      const std::size_t half = length / 2;
      low += edges[low + half - 1] <= values[i] ? half : 0;
      length -= half;
    }
    codes[i] = finish(low, values[i]);
  }
}

BinnedMatrix::BinnedMatrix(const Eigen::MatrixXd& features, FeatureCuts cuts, ThreadPool& pool)
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
    bin_codes(cuts_.upper_edges[feature], values + begin, end - begin, codes_.data() + feature * rows_ + begin);
  });
}

}  // namespace sonic::ml::gbdt
