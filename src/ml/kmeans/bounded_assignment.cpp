#include "ml/kmeans/bounded_assignment.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

namespace sonic::ml::detail {
namespace {

constexpr Eigen::Index kChunkRows = 4096;

// For each centroid, the others from nearest to farthest with their distances. A sample at
// distance u from its centroid a can only be nearer to a centroid less than 2u from a (triangle
// inequality): the search stops at the first one farther than that. And with u below half the
// distance to a's nearest neighbour, no centroid can be nearer at all.
class CentroidNeighbours {
 public:
  struct Neighbour {
    double distance;
    int index;
  };

  explicit CentroidNeighbours(const RowMatrix& centroids)
      : k_(centroids.rows()), neighbours_(static_cast<std::size_t>(k_ * (k_ - 1))) {
    const Eigen::Index features = centroids.cols();
    for (Eigen::Index a = 0; a < k_; ++a) {
      Neighbour* mine = neighbours_.data() + a * (k_ - 1);
      Eigen::Index filled = 0;
      for (Eigen::Index b = 0; b < k_; ++b) {
        if (b == a) continue;
        mine[filled++] = {
            std::sqrt(squared_distance(centroids.data() + a * features, centroids.data() + b * features, features)),
            static_cast<int>(b)};
      }
      std::sort(mine, mine + filled, [](const Neighbour& x, const Neighbour& y) {
        return x.distance < y.distance || (x.distance == y.distance && x.index < y.index);
      });
    }
  }

  std::span<const Neighbour> of(int centroid) const {
    return {neighbours_.data() + centroid * (k_ - 1), static_cast<std::size_t>(k_ - 1)};
  }
  double half_gap(int centroid) const {
    return k_ > 1 ? 0.5 * of(centroid).front().distance : std::numeric_limits<double>::infinity();
  }

 private:
  Eigen::Index k_;
  std::vector<Neighbour> neighbours_;
};

struct Found {
  int nearest;
  double nearest_sq;
  double lower;  // ≤ the distance to every centroid but the nearest
};

// The nearest centroid to a sample whose squared distance to its own centroid is `own_sq`,
// measuring only the centroids that could be nearer. Equally near ones go to the lowest index,
// as with a full search.
template <typename Features>
Found search_near(const double* sample, const RowMatrix& centroids, const CentroidNeighbours& neighbours, int own,
                  double own_sq, Features features) {
  const double own_distance = std::sqrt(own_sq);
  Found found{own, own_sq, std::numeric_limits<double>::infinity()};
  double second_sq = std::numeric_limits<double>::infinity();
  for (const auto& neighbour : neighbours.of(own)) {
    if (neighbour.distance >= 2 * own_distance) {
      // This one and all after it are at least (distance − own_distance) ≥ own_distance away.
      found.lower = neighbour.distance - own_distance;
      break;
    }
    const double d = squared_distance(sample, centroids.data() + neighbour.index * features, features);
    if (d < found.nearest_sq || (d == found.nearest_sq && neighbour.index < found.nearest)) {
      second_sq = found.nearest_sq;
      found.nearest_sq = d;
      found.nearest = neighbour.index;
    } else if (d < second_sq) {
      second_sq = d;
    }
  }
  found.lower = std::min(found.lower, std::sqrt(second_sq));
  return found;
}

}  // namespace

void ClusterSums::add(Eigen::Index cluster, const double* sample, double sign) {
  double* sum = sums.data() + cluster * sums.cols();
  for (Eigen::Index f = 0; f < sums.cols(); ++f) sum[f] += sign * sample[f];
  counts[static_cast<std::size_t>(cluster)] += sign > 0 ? 1 : -1;
}

CentroidShifts::CentroidShifts(std::vector<double> moved) : distance(std::move(moved)) {
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

BoundedAssignment::BoundedAssignment(const RowMatrix& samples, Eigen::Index k, const std::vector<int>& nearest,
                                     const std::vector<double>& nearest_squared, ThreadPool& pool)
    : samples_(samples),
      chunks_(samples.rows(), kChunkRows),
      pool_(pool),
      labels_(Eigen::Map<const Eigen::VectorXi>(nearest.data(), samples.rows())),
      bounds_(nearest_squared.size()),
      changes_(chunks_.count(), ChunkChanges{ClusterSums(k, samples.cols())}) {
  for (std::size_t i = 0; i < bounds_.size(); ++i) {
    // Nothing is known about the runner-up yet: a lower bound of 0.
    bounds_[i] = {std::sqrt(nearest_squared[i]), 0.0};
  }
}

Eigen::Index BoundedAssignment::assign(const RowMatrix& centroids, const CentroidShifts& shifts, ClusterSums& totals) {
  const CentroidNeighbours neighbours(centroids);
  const auto k = static_cast<std::size_t>(centroids.rows());
  // How far each sample's bounds move: its upper bound by its own centroid's shift, its lower
  // bound by the largest shift among the others.
  std::vector<double> grow(k), shrink(k), half_gap(k);
  for (std::size_t c = 0; c < k; ++c) {
    grow[c] = shifts.distance[c];
    shrink[c] = shifts.largest_except(static_cast<int>(c));
    half_gap[c] = neighbours.half_gap(static_cast<int>(c));
  }
  auto assign_rows = [&](RowRange rows, ChunkChanges& changes, auto features) {
    for (Eigen::Index i = rows.begin; i < rows.end; ++i) {
      const double* sample = samples_.data() + i * features;
      const auto at = static_cast<std::size_t>(i);
      const int label = labels_[i];
      const auto own = static_cast<std::size_t>(label);
      Bounds& bounds = bounds_[at];
      double& upper = bounds.upper;
      double& lower = bounds.lower;
      upper += grow[own];
      lower -= shrink[own];
      const double margin = std::max(half_gap[own], lower);
      int next = label;
      if (upper > margin) {
        // The upper bound may just be loose: tighten it to the true distance and look again.
        const double own_sq = squared_distance(sample, centroids.data() + label * features, features);
        upper = std::sqrt(own_sq);
        if (upper > margin) {
          const Found found = search_near(sample, centroids, neighbours, label, own_sq, features);
          upper = std::sqrt(found.nearest_sq);
          lower = found.lower;
          next = found.nearest;
        }
      }
      if (!counted_) {
        changes.delta.add(next, sample, +1.0);
      } else if (next != label) {
        changes.delta.add(label, sample, -1.0);
        changes.delta.add(next, sample, +1.0);
      }
      if (next != label) {
        labels_[i] = next;
        ++changes.changed;
      }
    }
  };
  pool_.run(chunks_.count(), [&](std::size_t chunk) {
    ChunkChanges& changes = changes_[chunk];
    changes.delta.sums.setZero();
    std::fill(changes.delta.counts.begin(), changes.delta.counts.end(), 0);
    changes.changed = 0;
    with_feature_count(samples_.cols(), [&](auto features) { assign_rows(chunks_[chunk], changes, features); });
  });
  counted_ = true;
  Eigen::Index changed = 0;
  for (const ChunkChanges& changes : changes_) {
    totals.sums += changes.delta.sums;
    for (std::size_t c = 0; c < k; ++c) totals.counts[c] += changes.delta.counts[c];
    changed += changes.changed;
  }
  return changed;
}

void BoundedAssignment::move(Eigen::Index sample, int cluster, ClusterSums& totals) {
  const double* row = samples_.data() + sample * samples_.cols();
  totals.add(labels_[sample], row, -1.0);
  totals.add(cluster, row, +1.0);
  labels_[sample] = cluster;
  // Unknown distances: the next assignment measures this sample afresh.
  bounds_[static_cast<std::size_t>(sample)] = {std::numeric_limits<double>::infinity(), 0.0};
}

}  // namespace sonic::ml::detail
