#pragma once
// The assignment step of Lloyd's algorithm with Hamerly's bounds (Hamerly 2010, "Making k-means
// even faster"). Each sample keeps an upper bound on the distance to its centroid and a lower
// bound on the distance to any other; when centroids move, the bounds move by as much. A sample
// whose upper bound is below both its lower bound and half the gap from its centroid to the
// nearest other one cannot have changed cluster, so no distance is computed for it. Labels are
// those of a full search (up to exact ties in floating point), at a fraction of the cost once the
// first iterations are past.
//
// The per-cluster sums are kept up to date incrementally: only samples that change cluster touch
// them, so a sample that stays costs a few comparisons and nothing more.
#include <Eigen/Core>
#include <vector>

#include "ml/common/thread_pool.hpp"
#include "ml/kmeans/row_chunks.hpp"
#include "ml/kmeans/row_distances.hpp"

namespace sonic::ml::detail {

// Per-cluster sums of the samples and their counts.
struct ClusterSums {
  RowMatrix sums;                    // k × features
  std::vector<Eigen::Index> counts;  // k

  ClusterSums(Eigen::Index k, Eigen::Index features)
      : sums(RowMatrix::Zero(k, features)), counts(static_cast<std::size_t>(k), 0) {}
  void add(Eigen::Index cluster, const double* sample, double sign);
};

// How far each centroid moved in the last update.
struct CentroidShifts {
  std::vector<double> distance;
  int farthest = -1;
  double largest = 0;
  double second_largest = 0;

  explicit CentroidShifts(std::vector<double> moved);
  // The most any centroid but `own` moved: how far a bound on "any other centroid" can drop.
  double largest_except(int own) const { return own == farthest ? second_largest : largest; }
};

class BoundedAssignment {
 public:
  // Starts from each sample's nearest centroid among the seeds (`nearest`) and its squared
  // distance to it, as the seeding measured them: an exact upper bound to begin with.
  BoundedAssignment(const RowMatrix& samples, Eigen::Index k, const std::vector<int>& nearest,
                    const std::vector<double>& nearest_squared, ThreadPool& pool);

  const Eigen::VectorXi& labels() const { return labels_; }

  // Moves the bounds by `shifts` (how far the centroids moved since the last call), gives every
  // sample its nearest centroid and brings `totals` up to date: every sample on the first call,
  // then only those that changed cluster (in chunk order, so the sums are the same for any
  // thread count). Returns how many labels changed.
  Eigen::Index assign(const RowMatrix& centroids, const CentroidShifts& shifts, ClusterSums& totals);

  // Puts one sample into another cluster by decree (to refill an empty one), `totals` included.
  void move(Eigen::Index sample, int cluster, ClusterSums& totals);

 private:
  struct ChunkChanges {
    ClusterSums delta;
    Eigen::Index changed = 0;
  };

  const RowMatrix& samples_;
  RowChunks chunks_;
  ThreadPool& pool_;
  Eigen::VectorXi labels_;
  struct Bounds {  // side by side: one stream of memory per pass
    double upper;  // ≥ distance to the sample's centroid
    double lower;  // ≤ distance to any other centroid
  };
  std::vector<Bounds> bounds_;
  std::vector<ChunkChanges> changes_;
  bool counted_ = false;  // whether `totals` already hold every sample under its label
};

}  // namespace sonic::ml::detail
