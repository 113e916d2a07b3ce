#include "ml/kmeans/lloyd.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "ml/kmeans/bounded_assignment.hpp"
#include "ml/kmeans/row_chunks.hpp"

namespace sonic::ml::detail {
namespace {

constexpr Eigen::Index kChunkRows = 4096;

// scikit-learn's remedy for a cluster that lost all its samples: move its centroid onto the
// sample farthest from its own centroid (the worst-served one), taking that sample out of its
// cluster. Ties go to the lowest row, and no cluster is emptied to fill another.
void refill_empty_clusters(const RowMatrix& samples, const RowMatrix& centroids, ThreadPool& pool,
                           BoundedAssignment& assignment, ClusterSums& totals) {
  const Eigen::Index features = samples.cols();
  const Eigen::VectorXi& labels = assignment.labels();
  std::vector<double> distance(static_cast<std::size_t>(samples.rows()));
  const RowChunks chunks(samples.rows(), kChunkRows);
  pool.run(chunks.count(), [&](std::size_t chunk) {
    for (Eigen::Index i = chunks[chunk].begin; i < chunks[chunk].end; ++i) {
      distance[static_cast<std::size_t>(i)] =
          squared_distance(samples.data() + i * features, centroids.data() + labels[i] * features, features);
    }
  });
  for (std::size_t empty = 0; empty < totals.counts.size(); ++empty) {
    if (totals.counts[empty] != 0) continue;
    Eigen::Index farthest = -1;
    for (Eigen::Index i = 0; i < samples.rows(); ++i) {
      const double d = distance[static_cast<std::size_t>(i)];
      if (d >= 0 && totals.counts[static_cast<std::size_t>(labels[i])] > 1 &&
          (farthest < 0 || d > distance[static_cast<std::size_t>(farthest)])) {
        farthest = i;
      }
    }
    if (farthest < 0) return;  // cannot happen with k ≤ rows; leave the cluster empty
    // Whatever rounding left in an empty cluster's sum goes: it now holds one sample exactly.
    totals.sums.row(static_cast<Eigen::Index>(empty)).setZero();
    assignment.move(farthest, static_cast<int>(empty), totals);
    distance[static_cast<std::size_t>(farthest)] = -1;  // taken
  }
}

double inertia_of(const RowMatrix& samples, const Eigen::VectorXi& labels, const RowMatrix& centroids,
                  ThreadPool& pool) {
  const Eigen::Index features = samples.cols();
  const RowChunks chunks(samples.rows(), kChunkRows);
  std::vector<double> per_chunk(chunks.count());
  pool.run(chunks.count(), [&](std::size_t chunk) {
    per_chunk[chunk] = with_feature_count(features, [&](auto fixed) {
      double sum = 0;
      for (Eigen::Index i = chunks[chunk].begin; i < chunks[chunk].end; ++i) {
        sum += squared_distance(samples.data() + i * fixed, centroids.data() + labels[i] * fixed, fixed);
      }
      return sum;
    });
  });
  double total = 0;
  for (double sum : per_chunk) total += sum;
  return total;
}

}  // namespace

LloydOutcome run_lloyd(const RowMatrix& samples, Seeding seeding, const LloydSettings& settings, ThreadPool& pool) {
  RowMatrix centroids = std::move(seeding.seeds);
  const Eigen::Index k = centroids.rows();
  BoundedAssignment assignment(samples, k, seeding.nearest, seeding.squared, pool);
  ClusterSums totals(k, samples.cols());
  CentroidShifts shifts(std::vector<double>(static_cast<std::size_t>(k), 0.0));
  bool labels_settled = false;  // the last assignment changed nothing: centroids are the means
  int iteration = 0;
  while (iteration < settings.max_iterations) {
    ++iteration;
    const Eigen::Index changed = assignment.assign(centroids, shifts, totals);
    if (std::find(totals.counts.begin(), totals.counts.end(), 0) != totals.counts.end()) {
      refill_empty_clusters(samples, centroids, pool, assignment, totals);
    }
    std::vector<double> moved(static_cast<std::size_t>(k), 0.0);
    double squared_shift = 0;
    for (Eigen::Index c = 0; c < k; ++c) {
      const auto count = totals.counts[static_cast<std::size_t>(c)];
      if (count == 0) continue;  // only if no cluster could spare a sample: stays put
      const Eigen::RowVectorXd mean = totals.sums.row(c) / static_cast<double>(count);
      const double d2 = (mean - centroids.row(c)).squaredNorm();
      centroids.row(c) = mean;
      moved[static_cast<std::size_t>(c)] = std::sqrt(d2);
      squared_shift += d2;
    }
    shifts = CentroidShifts(std::move(moved));
    // As in scikit-learn, the first pass does not count: its labels are compared with none.
    if (iteration > 1 && changed == 0) {
      labels_settled = true;
      break;
    }
    if (squared_shift <= settings.tolerance) break;
  }
  if (!labels_settled) assignment.assign(centroids, shifts, totals);

  LloydOutcome outcome;
  outcome.labels = assignment.labels();
  outcome.inertia = inertia_of(samples, outcome.labels, centroids, pool);
  outcome.centroids = std::move(centroids);
  outcome.iterations = iteration;
  return outcome;
}

}  // namespace sonic::ml::detail
