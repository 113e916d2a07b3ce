#include "ml/kmeans/cluster_distance_sums.hpp"
#include "ml/kmeans/row_chunks.hpp"

#include <algorithm>

namespace sonic::ml::detail {
namespace {

// Each task owns the sums of kTargetRows points and walks the others kOtherRows at a time: the
// kOtherRows × kTargetRows distance tile (256 KB) stays in the core's L2 cache while every
// labeling reads it.
constexpr Eigen::Index kTargetRows = 64;
constexpr Eigen::Index kOtherRows = 512;

// One labeling's clusters, tile by tile: the positions of each tile's points (within the tile)
// listed cluster by cluster. A target's distances to one cluster's members are then added by a
// plain loop with independent partial sums, where scattering each distance into its cluster's
// total would make consecutive additions wait on one another (measured: 1.6× faster).
class TileGroups {
 public:
  TileGroups(const CompactLabels& labels, Eigen::Index points)
      : clusters_(labels.counts.size()),
        positions_(static_cast<std::size_t>(points)),
        starts_(static_cast<std::size_t>((points + kOtherRows - 1) / kOtherRows) * (clusters_ + 1)) {
    for (Eigen::Index first = 0; first < points; first += kOtherRows) {
      const Eigen::Index count = std::min(kOtherRows, points - first);
      const int* codes = labels.codes.data() + first;
      int* start = tile_starts(first);
      for (Eigen::Index j = 0; j < count; ++j) start[codes[j] + 1] += 1;
      for (std::size_t c = 0; c < clusters_; ++c) start[c + 1] += start[c];
      std::vector<int> next(start, start + clusters_);
      int* positions = positions_.data() + first;
      for (Eigen::Index j = 0; j < count; ++j) {
        positions[next[static_cast<std::size_t>(codes[j])]++] = static_cast<int>(j);
      }
    }
  }

  std::size_t clusters() const { return clusters_; }

  // Adds the distances from one target to each cluster's members in the tile starting at point
  // `first` to `totals` (one per cluster).
  void add_tile(const double* distance, Eigen::Index first, double* totals) const {
    const int* start = tile_starts(first);
    const int* positions = positions_.data() + first;
    for (std::size_t c = 0; c < clusters_; ++c) {
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      int p = start[c];
      for (; p + 3 < start[c + 1]; p += 4) {
        s0 += distance[positions[p]];
        s1 += distance[positions[p + 1]];
        s2 += distance[positions[p + 2]];
        s3 += distance[positions[p + 3]];
      }
      for (; p < start[c + 1]; ++p) s0 += distance[positions[p]];
      totals[c] += (s0 + s1) + (s2 + s3);
    }
  }

 private:
  int* tile_starts(Eigen::Index first) {
    return starts_.data() + (first / kOtherRows) * static_cast<Eigen::Index>(clusters_ + 1);
  }
  const int* tile_starts(Eigen::Index first) const {
    return starts_.data() + (first / kOtherRows) * static_cast<Eigen::Index>(clusters_ + 1);
  }

  std::size_t clusters_;
  std::vector<int> positions_;
  std::vector<int> starts_;  // per tile, clusters + 1 offsets into its positions
};

}  // namespace

std::vector<RowMatrix> cluster_distance_sums(const Eigen::MatrixXd& points, std::span<const CompactLabels> labelings,
                                             ThreadPool& pool) {
  const Eigen::Index n = points.rows();
  // Centring changes no distance but keeps ‖a‖² + ‖b‖² − 2a·b accurate for points that are close
  // to each other and far from the origin.
  const Eigen::MatrixXd centred = points.rowwise() - points.colwise().mean();
  const Eigen::VectorXd norms = centred.rowwise().squaredNorm();

  std::vector<TileGroups> groups;
  std::vector<RowMatrix> sums;
  for (const CompactLabels& labels : labelings) {
    groups.emplace_back(labels, n);
    sums.push_back(RowMatrix::Zero(n, static_cast<Eigen::Index>(labels.counts.size())));
  }

  const RowChunks targets(n, kTargetRows);
  pool.run(targets.count(), [&](std::size_t chunk) {
    const RowRange mine = targets[chunk];
    const auto target_points = centred.middleRows(mine.begin, mine.size());
    const auto target_norms = norms.segment(mine.begin, mine.size()).array().transpose();
    Eigen::MatrixXd tile(kOtherRows, mine.size());
    for (Eigen::Index first = 0; first < n; first += kOtherRows) {
      const Eigen::Index count = std::min(kOtherRows, n - first);
      auto distances = tile.topRows(count);
      distances.noalias() = centred.middleRows(first, count) * target_points.transpose();
      distances.array() =
          ((-2.0 * distances.array()).colwise() + norms.segment(first, count).array()).rowwise() + target_norms;
      // Rounding can leave a tiny negative square for (nearly) equal points.
      distances.array() = distances.array().max(0.0).sqrt();
      for (Eigen::Index i = std::max(mine.begin, first); i < std::min(mine.end, first + count); ++i) {
        distances(i - first, i - mine.begin) = 0;  // a point to itself, exactly
      }
      for (Eigen::Index t = 0; t < mine.size(); ++t) {
        for (std::size_t l = 0; l < groups.size(); ++l) {
          const auto clusters = static_cast<Eigen::Index>(groups[l].clusters());
          groups[l].add_tile(distances.col(t).data(), first, sums[l].data() + (mine.begin + t) * clusters);
        }
      }
    }
  });
  return sums;
}

}  // namespace sonic::ml::detail
