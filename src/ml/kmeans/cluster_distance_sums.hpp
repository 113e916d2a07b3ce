#pragma once
// The inner work of the silhouette: for every point and every cluster, the sum of the Euclidean
// distances from the point to the cluster's members — for several labelings of the same points
// at once, so that each distance is computed once however many labelings use it.
#include <Eigen/Core>
#include <span>
#include <vector>

#include "ml/common/thread_pool.hpp"
#include "ml/kmeans/row_distances.hpp"

namespace sonic::ml::detail {

// A labeling recoded to 0 … clusters − 1, with each cluster's size.
struct CompactLabels {
  std::vector<int> codes;            // per point
  std::vector<Eigen::Index> counts;  // per cluster, all > 0
};

// Per labeling, a points × clusters matrix: (i, c) = Σ over members j of c of ‖p_i − p_j‖
// (a point's distance to itself counts as exactly 0). Deterministic whatever the pool's thread count is.
std::vector<RowMatrix> cluster_distance_sums(const Eigen::MatrixXd& points, std::span<const CompactLabels> labelings,
                                             ThreadPool& pool);

}  // namespace sonic::ml::detail
