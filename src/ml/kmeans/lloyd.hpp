#pragma once
// Lloyd's iterations, step for step as scikit-learn's KMeans(algorithm="lloyd") runs them:
// assign every sample to its nearest centroid, move each centroid to the mean of its samples,
// stop when no label changed or when the squared centroid shifts sum to at most `tolerance`,
// then assign once more so that labels and centroids agree.
//
// The assignment skips most distance work with Hamerly's bounds (bounded_assignment.hpp), and
// the centroid sums follow only the samples that change cluster; the result is plain Lloyd's.
#include <Eigen/Core>

#include "ml/common/thread_pool.hpp"
#include "ml/kmeans/kmeans_plus_plus.hpp"

namespace sonic::ml::detail {

struct LloydSettings {
  int max_iterations = 300;
  double tolerance = 0;  // absolute: compared with the sum of squared centroid shifts
};

struct LloydOutcome {
  RowMatrix centroids;
  Eigen::VectorXi labels;
  double inertia = 0;  // sum of squared distances from each sample to its centroid
  int iterations = 0;
};

// Starts from the seeds, and from the seeding's record of each sample's nearest seed.
LloydOutcome run_lloyd(const RowMatrix& samples, Seeding seeding, const LloydSettings& settings, ThreadPool& pool);

}  // namespace sonic::ml::detail
