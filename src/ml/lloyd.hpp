#pragma once
// Lloyd's iterations, step for step as scikit-learn's KMeans(algorithm="lloyd") runs them:
// assign every sample to its nearest centroid, move each centroid to the mean of its samples,
// stop when no label changed or when the squared centroid shifts sum to at most `tolerance`,
// then assign once more so that labels and centroids agree.
//
// The assignment uses Hamerly's bounds (Hamerly 2010, "Making k-means even faster"): per sample,
// an upper bound on the distance to its centroid and a lower bound on the distance to any other,
// carried across iterations by how far the centroids moved. A sample whose upper bound is below
// both its lower bound and half the gap from its centroid to the nearest other one cannot have
// changed cluster, so its distances are not computed at all. The labels are those of plain Lloyd
// (up to exact ties in floating point); most of the distance work disappears after the first
// few iterations.
#include <Eigen/Core>

#include "row_distances.hpp"

namespace sonic::ml::detail {

struct LloydSettings {
  int max_iterations = 300;
  double tolerance = 0;  // absolute: compared with the sum of squared centroid shifts
  int threads = 1;
};

struct LloydOutcome {
  RowMatrix centroids;
  Eigen::VectorXi labels;
  double inertia = 0;   // sum of squared distances from each sample to its centroid
  int iterations = 0;
};

LloydOutcome run_lloyd(const RowMatrix& samples, RowMatrix centroids,
                       const LloydSettings& settings);

}  // namespace sonic::ml::detail
