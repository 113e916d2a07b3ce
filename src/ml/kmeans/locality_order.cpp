#include "ml/kmeans/locality_order.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>

namespace sonic::ml::detail {

std::vector<Eigen::Index> locality_order(const Eigen::MatrixXd& samples) {
  // Up to 64 key bits shared among the features (at most 16 each; features beyond the 64th do
  // not take part, which only makes the order coarser).
  const Eigen::Index features = std::min<Eigen::Index>(samples.cols(), 64);
  const int bits = static_cast<int>(std::min<Eigen::Index>(16, 64 / features));
  const double cells = static_cast<double>(1 << bits);
  const Eigen::RowVectorXd low = samples.leftCols(features).colwise().minCoeff();
  const Eigen::RowVectorXd high = samples.leftCols(features).colwise().maxCoeff();

  std::vector<std::uint64_t> keys(static_cast<std::size_t>(samples.rows()));
  std::vector<std::uint32_t> cell(static_cast<std::size_t>(features));
  for (Eigen::Index i = 0; i < samples.rows(); ++i) {
    for (Eigen::Index f = 0; f < features; ++f) {
      const double span = high[f] - low[f];
      const double scaled = span > 0 ? (samples(i, f) - low[f]) / span * cells : 0;
      cell[static_cast<std::size_t>(f)] = static_cast<std::uint32_t>(std::min(scaled, cells - 1));
    }
    std::uint64_t key = 0;  // bits interleaved, most significant first
    for (int b = bits - 1; b >= 0; --b) {
      for (const std::uint32_t c : cell) key = (key << 1) | ((c >> b) & 1u);
    }
    keys[static_cast<std::size_t>(i)] = key;
  }
  std::vector<Eigen::Index> order(keys.size());
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
    return keys[static_cast<std::size_t>(a)] < keys[static_cast<std::size_t>(b)];
  });
  return order;
}

}  // namespace sonic::ml::detail
