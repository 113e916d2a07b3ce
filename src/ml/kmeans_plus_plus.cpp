#include "kmeans_plus_plus.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "parallel_chunks.hpp"

namespace sonic::ml::detail {
namespace {

constexpr Eigen::Index kChunkRows = 4096;

// Each sample's squared distance to its nearest centroid so far, with per-chunk sums so that a
// draw can skip whole chunks and the potential is summed in a fixed order.
class NearestCentroidDistances {
 public:
  NearestCentroidDistances(const RowMatrix& samples, int threads)
      : samples_(samples),
        chunks_(samples.rows(), kChunkRows),
        threads_(threads),
        squared_(static_cast<std::size_t>(samples.rows())),
        chunk_sums_(chunks_.count()) {}

  double potential() const { return potential_; }

  // Takes a new centroid into account (the first one replaces the initial "infinitely far").
  void add_centroid(const double* centroid, bool first) {
    const Eigen::Index features = samples_.cols();
    run_chunks(chunks_.count(), threads_, [&](std::size_t chunk) {
      const RowRange rows = chunks_[chunk];
      double sum = 0;
      for (Eigen::Index i = rows.begin; i < rows.end; ++i) {
        const double d = squared_distance(samples_.data() + i * features, centroid, features);
        double& nearest = squared_[static_cast<std::size_t>(i)];
        nearest = first ? d : std::min(nearest, d);
        sum += nearest;
      }
      chunk_sums_[chunk] = sum;
    });
    potential_ = 0;
    for (double sum : chunk_sums_) potential_ += sum;
  }

  // The potential each candidate centroid would leave, were it added.
  std::vector<double> potentials_with(const RowMatrix& candidates) const {
    const Eigen::Index features = samples_.cols();
    const auto count = static_cast<std::size_t>(candidates.rows());
    std::vector<double> per_chunk(chunks_.count() * count, 0.0);
    run_chunks(chunks_.count(), threads_, [&](std::size_t chunk) {
      const RowRange rows = chunks_[chunk];
      double* sums = per_chunk.data() + chunk * count;
      for (Eigen::Index i = rows.begin; i < rows.end; ++i) {
        const double* sample = samples_.data() + i * features;
        const double nearest = squared_[static_cast<std::size_t>(i)];
        for (std::size_t c = 0; c < count; ++c) {
          const double* candidate = candidates.data() + static_cast<Eigen::Index>(c) * features;
          sums[c] += std::min(nearest, squared_distance(sample, candidate, features));
        }
      }
    });
    std::vector<double> totals(count, 0.0);
    for (std::size_t chunk = 0; chunk < chunks_.count(); ++chunk) {
      for (std::size_t c = 0; c < count; ++c) totals[c] += per_chunk[chunk * count + c];
    }
    return totals;
  }

  // The first sample at which the running sum of squared distances exceeds `target`
  // (0 ≤ target < potential): samples are drawn in proportion to their squared distance, and
  // samples already at a centroid (distance 0) are never drawn.
  Eigen::Index sample_at(double target) const {
    double before = 0;
    std::size_t chunk = 0;
    while (chunk + 1 < chunks_.count() && before + chunk_sums_[chunk] <= target) {
      before += chunk_sums_[chunk++];
    }
    for (auto i = chunks_[chunk].begin; i < samples_.rows(); ++i) {
      before += squared_[static_cast<std::size_t>(i)];
      if (before > target) return i;
    }
    // Rounding left the target a hair past the end: take the last sample that can be drawn.
    Eigen::Index last = samples_.rows() - 1;
    while (last > 0 && squared_[static_cast<std::size_t>(last)] == 0) --last;
    return last;
  }

 private:
  const RowMatrix& samples_;
  RowChunks chunks_;
  int threads_;
  std::vector<double> squared_;
  std::vector<double> chunk_sums_;
  double potential_ = 0;
};

}  // namespace

RowMatrix greedy_kmeans_plus_plus(const RowMatrix& samples, int k, SeededRandom& random,
                                  int threads) {
  const Eigen::Index features = samples.cols();
  const int trials = 2 + static_cast<int>(std::log(k));
  RowMatrix centroids(k, features);
  centroids.row(0) = samples.row(static_cast<Eigen::Index>(random.below(
      static_cast<std::size_t>(samples.rows()))));
  NearestCentroidDistances nearest(samples, threads);
  nearest.add_centroid(centroids.data(), /*first=*/true);

  RowMatrix candidates(trials, features);
  for (int c = 1; c < k; ++c) {
    for (int t = 0; t < trials; ++t) {
      // Every sample already coincides with a centroid (fewer distinct samples than k): any
      // sample will do, and Lloyd's empty-cluster handling copes with the duplicates.
      const Eigen::Index drawn =
          nearest.potential() > 0
              ? nearest.sample_at(random.uniform() * nearest.potential())
              : static_cast<Eigen::Index>(random.below(static_cast<std::size_t>(samples.rows())));
      candidates.row(t) = samples.row(drawn);
    }
    const std::vector<double> potentials = nearest.potentials_with(candidates);
    const auto best = std::min_element(potentials.begin(), potentials.end()) - potentials.begin();
    centroids.row(c) = candidates.row(best);
    nearest.add_centroid(centroids.data() + c * features, /*first=*/false);
  }
  return centroids;
}

}  // namespace sonic::ml::detail
