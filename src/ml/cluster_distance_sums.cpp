#include "cluster_distance_sums.hpp"

#include <algorithm>

#include "parallel_chunks.hpp"

namespace sonic::ml::detail {
namespace {

// Each task owns the sums of kTargetRows points and walks the others kOtherRows at a time: the
// kOtherRows × kTargetRows distance tile (256 KB) stays in the core's L2 cache while every
// labeling reads it.
constexpr Eigen::Index kTargetRows = 64;
constexpr Eigen::Index kOtherRows = 512;

// Consecutive distances usually go to the same cluster; adding them all to one running sum would
// make every addition wait for the previous one. Four interleaved partial sums per cluster
// ("lanes") let the additions overlap.
constexpr int kLanes = 4;

// Where point j's distance goes in the lane accumulators: lane (j mod 4), then its cluster.
std::vector<int> lane_slots(const CompactLabels& labels) {
  const auto clusters = static_cast<int>(labels.counts.size());
  std::vector<int> slots(labels.codes.size());
  for (std::size_t j = 0; j < slots.size(); ++j) {
    slots[j] = static_cast<int>(j % kLanes) * clusters + labels.codes[j];
  }
  return slots;
}

}  // namespace

std::vector<RowMatrix> cluster_distance_sums(const Eigen::MatrixXd& points,
                                             std::span<const CompactLabels> labelings,
                                             int threads) {
  const Eigen::Index n = points.rows();
  // Centring changes no distance but keeps ‖a‖² + ‖b‖² − 2a·b accurate for points that are close
  // to each other and far from the origin.
  const Eigen::MatrixXd centred = points.rowwise() - points.colwise().mean();
  const Eigen::VectorXd norms = centred.rowwise().squaredNorm();

  std::vector<std::vector<int>> slots;
  std::vector<RowMatrix> sums;
  std::size_t most_clusters = 0;
  for (const CompactLabels& labels : labelings) {
    slots.push_back(lane_slots(labels));
    sums.push_back(RowMatrix::Zero(n, static_cast<Eigen::Index>(labels.counts.size())));
    most_clusters = std::max(most_clusters, labels.counts.size());
  }

  const RowChunks targets(n, kTargetRows);
  run_chunks(targets.count(), threads, [&](std::size_t chunk) {
    const RowRange mine = targets[chunk];
    const auto target_points = centred.middleRows(mine.begin, mine.size());
    const auto target_norms = norms.segment(mine.begin, mine.size()).array().transpose();
    Eigen::MatrixXd tile(kOtherRows, mine.size());
    std::vector<double> lanes(kLanes * most_clusters);
    for (Eigen::Index first = 0; first < n; first += kOtherRows) {
      const Eigen::Index count = std::min(kOtherRows, n - first);
      auto distances = tile.topRows(count);
      distances.noalias() = centred.middleRows(first, count) * target_points.transpose();
      distances.array() = ((-2.0 * distances.array()).colwise() +
                           norms.segment(first, count).array()).rowwise() + target_norms;
      // Rounding can leave a tiny negative square for (nearly) equal points.
      distances.array() = distances.array().max(0.0).sqrt();
      for (Eigen::Index i = std::max(mine.begin, first); i < std::min(mine.end, first + count); ++i) {
        distances(i - first, i - mine.begin) = 0;  // a point to itself, exactly
      }
      for (Eigen::Index t = 0; t < mine.size(); ++t) {
        const double* distance = distances.col(t).data();
        for (std::size_t l = 0; l < labelings.size(); ++l) {
          const std::size_t clusters = labelings[l].counts.size();
          std::fill_n(lanes.begin(), kLanes * clusters, 0.0);
          const int* slot = slots[l].data() + first;
          for (Eigen::Index j = 0; j < count; ++j) lanes[static_cast<std::size_t>(slot[j])] += distance[j];
          double* row = sums[l].data() + (mine.begin + t) * static_cast<Eigen::Index>(clusters);
          for (std::size_t c = 0; c < clusters; ++c) {
            row[c] += (lanes[c] + lanes[clusters + c]) + (lanes[2 * clusters + c] + lanes[3 * clusters + c]);
          }
        }
      }
    }
  });
  return sums;
}

}  // namespace sonic::ml::detail
