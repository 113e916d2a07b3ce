#include "lloyd.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "parallel_chunks.hpp"

namespace sonic::ml::detail {
namespace {

constexpr Eigen::Index kChunkRows = 4096;

// How far each centroid moved in the last update.
struct CentroidShifts {
  std::vector<double> distance;
  int farthest = -1;
  double largest = 0;
  double second_largest = 0;

  explicit CentroidShifts(std::vector<double> moved) : distance(std::move(moved)) {
    for (std::size_t c = 0; c < distance.size(); ++c) {
      if (distance[c] > largest) {
        second_largest = largest;
        largest = distance[c];
        farthest = static_cast<int>(c);
      } else if (distance[c] > second_largest) {
        second_largest = distance[c];
      }
    }
  }
  // The most any centroid but `own` moved: how far a bound on "any other centroid" can drop.
  double largest_except(int own) const { return own == farthest ? second_largest : largest; }
};

// Half the distance from each centroid to its nearest other centroid: a sample closer than that
// to its own centroid is closer to it than to any other (triangle inequality).
std::vector<double> half_gaps(const RowMatrix& centroids) {
  const Eigen::Index k = centroids.rows(), features = centroids.cols();
  std::vector<double> gaps(static_cast<std::size_t>(k), std::numeric_limits<double>::infinity());
  for (Eigen::Index a = 0; a < k; ++a) {
    for (Eigen::Index b = a + 1; b < k; ++b) {
      const double half = 0.5 * std::sqrt(squared_distance(centroids.data() + a * features,
                                                           centroids.data() + b * features,
                                                           features));
      gaps[a] = std::min(gaps[a], half);
      gaps[b] = std::min(gaps[b], half);
    }
  }
  return gaps;
}

// What one chunk of samples contributes to the centroid update.
struct ChunkTally {
  RowMatrix sums;                     // k × features
  std::vector<Eigen::Index> counts;   // k
  Eigen::Index changed = 0;           // samples whose label changed
};

class BoundedAssignment {
 public:
  BoundedAssignment(const RowMatrix& samples, Eigen::Index k, int threads)
      : samples_(samples),
        chunks_(samples.rows(), kChunkRows),
        threads_(threads),
        labels_(Eigen::VectorXi::Constant(samples.rows(), -1)),
        upper_(static_cast<std::size_t>(samples.rows()), std::numeric_limits<double>::infinity()),
        lower_(static_cast<std::size_t>(samples.rows()), 0.0),
        tallies_(chunks_.count()) {
    for (ChunkTally& tally : tallies_) {
      tally.sums.resize(k, samples.cols());
      tally.counts.resize(static_cast<std::size_t>(k));
    }
  }

  const Eigen::VectorXi& labels() const { return labels_; }

  // Widens the bounds by how far the centroids moved, then gives every sample its nearest
  // centroid, computing distances only where the bounds leave a doubt. Returns how many labels
  // changed (all of them on the first call).
  Eigen::Index assign(const RowMatrix& centroids, const CentroidShifts& shifts) {
    const std::vector<double> gaps = half_gaps(centroids);
    const Eigen::Index features = samples_.cols();
    run_chunks(chunks_.count(), threads_, [&](std::size_t chunk) {
      ChunkTally& tally = tallies_[chunk];
      tally.sums.setZero();
      std::fill(tally.counts.begin(), tally.counts.end(), 0);
      tally.changed = 0;
      const RowRange rows = chunks_[chunk];
      for (Eigen::Index i = rows.begin; i < rows.end; ++i) {
        const double* sample = samples_.data() + i * features;
        const auto at = static_cast<std::size_t>(i);
        int label = labels_[i];
        if (label < 0 || reassign(sample, centroids, shifts, gaps, label, upper_[at], lower_[at])) {
          const NearestTwo nearest = nearest_two(sample, centroids);
          tally.changed += nearest.nearest != label;
          label = nearest.nearest;
          labels_[i] = label;
          upper_[at] = std::sqrt(nearest.nearest_sq);
          lower_[at] = std::sqrt(nearest.second_sq);
        }
        tally.sums.row(label) += samples_.row(i);
        tally.counts[static_cast<std::size_t>(label)] += 1;
      }
    });
    Eigen::Index changed = 0;
    for (const ChunkTally& tally : tallies_) changed += tally.changed;
    return changed;
  }

  // Per-cluster sums and counts of the last assignment, added up in chunk order.
  void cluster_totals(RowMatrix& sums, std::vector<Eigen::Index>& counts) const {
    sums = tallies_.front().sums;
    counts = tallies_.front().counts;
    for (std::size_t chunk = 1; chunk < tallies_.size(); ++chunk) {
      sums += tallies_[chunk].sums;
      for (std::size_t c = 0; c < counts.size(); ++c) counts[c] += tallies_[chunk].counts[c];
    }
  }

 private:
  // Moves one sample's bounds and says whether its nearest centroid must be searched for.
  static bool reassign(const double* sample, const RowMatrix& centroids,
                       const CentroidShifts& shifts, const std::vector<double>& gaps, int label,
                       double& upper, double& lower) {
    const auto own = static_cast<std::size_t>(label);
    upper += shifts.distance[own];
    lower -= shifts.largest_except(label);
    const double margin = std::max(gaps[own], lower);
    if (upper <= margin) return false;
    // The upper bound may just be loose: tighten it to the true distance and look again.
    upper = std::sqrt(squared_distance(sample, centroids.data() + label * centroids.cols(),
                                       centroids.cols()));
    return upper > margin;
  }

  const RowMatrix& samples_;
  RowChunks chunks_;
  int threads_;
  Eigen::VectorXi labels_;
  std::vector<double> upper_;  // ≥ distance to the sample's centroid
  std::vector<double> lower_;  // ≤ distance to any other centroid
  std::vector<ChunkTally> tallies_;
};

// scikit-learn's remedy for a cluster that lost all its samples: move its centroid onto the
// sample farthest from its own centroid (the worst-served one), taking that sample out of its
// old cluster's sum. Ties go to the lowest row, and no cluster is emptied to fill another.
void refill_empty_clusters(const RowMatrix& samples, const Eigen::VectorXi& labels,
                           const RowMatrix& centroids, int threads, RowMatrix& sums,
                           std::vector<Eigen::Index>& counts) {
  const Eigen::Index features = samples.cols();
  std::vector<double> distance(static_cast<std::size_t>(samples.rows()));
  const RowChunks chunks(samples.rows(), kChunkRows);
  run_chunks(chunks.count(), threads, [&](std::size_t chunk) {
    for (Eigen::Index i = chunks[chunk].begin; i < chunks[chunk].end; ++i) {
      distance[static_cast<std::size_t>(i)] = squared_distance(
          samples.data() + i * features, centroids.data() + labels[i] * features, features);
    }
  });
  for (std::size_t empty = 0; empty < counts.size(); ++empty) {
    if (counts[empty] != 0) continue;
    Eigen::Index farthest = -1;
    for (Eigen::Index i = 0; i < samples.rows(); ++i) {
      const double d = distance[static_cast<std::size_t>(i)];
      if (d >= 0 && counts[static_cast<std::size_t>(labels[i])] > 1 &&
          (farthest < 0 || d > distance[static_cast<std::size_t>(farthest)])) {
        farthest = i;
      }
    }
    if (farthest < 0) return;  // cannot happen with k ≤ rows; leave the cluster empty
    const auto donor = static_cast<std::size_t>(labels[farthest]);
    sums.row(static_cast<Eigen::Index>(donor)) -= samples.row(farthest);
    counts[donor] -= 1;
    sums.row(static_cast<Eigen::Index>(empty)) = samples.row(farthest);
    counts[empty] = 1;
    distance[static_cast<std::size_t>(farthest)] = -1;  // taken
  }
}

double inertia_of(const RowMatrix& samples, const Eigen::VectorXi& labels,
                  const RowMatrix& centroids, int threads) {
  const Eigen::Index features = samples.cols();
  const RowChunks chunks(samples.rows(), kChunkRows);
  std::vector<double> per_chunk(chunks.count());
  run_chunks(chunks.count(), threads, [&](std::size_t chunk) {
    double sum = 0;
    for (Eigen::Index i = chunks[chunk].begin; i < chunks[chunk].end; ++i) {
      sum += squared_distance(samples.data() + i * features,
                              centroids.data() + labels[i] * features, features);
    }
    per_chunk[chunk] = sum;
  });
  double total = 0;
  for (double sum : per_chunk) total += sum;
  return total;
}

}  // namespace

LloydOutcome run_lloyd(const RowMatrix& samples, RowMatrix centroids,
                       const LloydSettings& settings) {
  const Eigen::Index k = centroids.rows();
  BoundedAssignment assignment(samples, k, settings.threads);
  CentroidShifts shifts(std::vector<double>(static_cast<std::size_t>(k), 0.0));
  RowMatrix sums;
  std::vector<Eigen::Index> counts;
  bool labels_settled = false;  // the last assignment changed nothing: centroids are the means
  int iteration = 0;
  while (iteration < settings.max_iterations) {
    ++iteration;
    const Eigen::Index changed = assignment.assign(centroids, shifts);
    assignment.cluster_totals(sums, counts);
    if (std::find(counts.begin(), counts.end(), 0) != counts.end()) {
      refill_empty_clusters(samples, assignment.labels(), centroids, settings.threads, sums,
                            counts);
    }
    std::vector<double> moved(static_cast<std::size_t>(k));
    double squared_shift = 0;
    for (Eigen::Index c = 0; c < k; ++c) {
      const auto count = counts[static_cast<std::size_t>(c)];
      if (count == 0) continue;  // an empty cluster keeps its centroid
      const Eigen::RowVectorXd mean = sums.row(c) / static_cast<double>(count);
      const double d2 = (mean - centroids.row(c)).squaredNorm();
      centroids.row(c) = mean;
      moved[static_cast<std::size_t>(c)] = std::sqrt(d2);
      squared_shift += d2;
    }
    shifts = CentroidShifts(std::move(moved));
    if (changed == 0) {  // never on the first pass: every label starts unset
      labels_settled = true;
      break;
    }
    if (squared_shift <= settings.tolerance) break;
  }
  if (!labels_settled) assignment.assign(centroids, shifts);

  LloydOutcome outcome;
  outcome.labels = assignment.labels();
  outcome.inertia = inertia_of(samples, outcome.labels, centroids, settings.threads);
  outcome.centroids = std::move(centroids);
  outcome.iterations = iteration;
  return outcome;
}

}  // namespace sonic::ml::detail
