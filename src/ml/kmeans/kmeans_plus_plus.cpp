#include "ml/kmeans/kmeans_plus_plus.hpp"
#include "ml/kmeans/row_chunks.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace sonic::ml::detail {
namespace {

constexpr Eigen::Index kChunkRows = 4096;

// Squared distances from row `row` of `a` to each of the first `count` rows of `b`.
std::vector<double> squared_distances(const RowMatrix& a, Eigen::Index row, const RowMatrix& b, Eigen::Index count) {
  std::vector<double> out(static_cast<std::size_t>(count));
  for (Eigen::Index j = 0; j < count; ++j) {
    out[static_cast<std::size_t>(j)] = squared_distance(a.data() + row * a.cols(), b.data() + j * b.cols(), a.cols());
  }
  return out;
}

// Each sample's nearest seed so far and its squared distance, with per-chunk sums of those
// distances (the potential), so that a draw can skip whole chunks and the potential is summed in
// a fixed order.
//
// Two things keep the passes over the samples cheap:
// - The triangle inequality: if a new point c is at least twice as far from a sample's nearest
//   seed s as the sample is (‖c − s‖² ≥ 4‖x − s‖²), then ‖x − c‖ ≥ ‖x − s‖ and c changes nothing
//   for that sample, so most distances need not be measured at all.
// - A chosen seed is taken into account lazily, chunk by chunk: by the draws that land in a chunk,
//   else by the next pass that weighs candidates. So each new seed costs one pass, not two.
//   The potentials of the chunks with it are known already: they were weighed when it was a
//   candidate.
class NearestSeeds {
 public:
  NearestSeeds(const RowMatrix& samples, const RowMatrix& seeds, ThreadPool& pool)
      : samples_(samples),
        seeds_(seeds),
        chunks_(samples.rows(), kChunkRows),
        pool_(pool),
        squared_(static_cast<std::size_t>(samples.rows())),
        nearest_(static_cast<std::size_t>(samples.rows()), 0),
        chunk_sums_(chunks_.count()),
        pending_in_chunk_(chunks_.count(), 0) {
    // Seed 0 is the first nearest seed of every sample.
    pool_.run(chunks_.count(), [&](std::size_t chunk) {
      chunk_sums_[chunk] = with_feature_count(samples_.cols(), [&](auto features) {
        double sum = 0;
        for (Eigen::Index i = chunks_[chunk].begin; i < chunks_[chunk].end; ++i) {
          squared_[static_cast<std::size_t>(i)] =
              squared_distance(samples_.data() + i * features, seeds_.data(), features);
          sum += squared_[static_cast<std::size_t>(i)];
        }
        return sum;
      });
    });
    for (double sum : chunk_sums_) potential_ += sum;
  }

  double potential() const { return potential_; }

  // The first sample at which the running sum of squared distances exceeds `target`
  // (0 ≤ target < potential): samples are drawn in proportion to their squared distance, and
  // samples already at a seed (distance 0) are never drawn.
  Eigen::Index sample_at(double target) {
    double before = 0;
    std::size_t chunk = 0;
    while (chunk + 1 < chunks_.count() && before + chunk_sums_[chunk] <= target) {
      before += chunk_sums_[chunk++];
    }
    for (; chunk < chunks_.count(); ++chunk) {
      take_pending(chunk);
      for (Eigen::Index i = chunks_[chunk].begin; i < chunks_[chunk].end; ++i) {
        before += squared_[static_cast<std::size_t>(i)];
        if (before > target) return i;
      }
    }
    // Rounding left the target a hair past the end: take the last sample that can be drawn.
    Eigen::Index last = samples_.rows() - 1;
    while (last > 0 && squared_[static_cast<std::size_t>(last)] == 0) --last;
    return last;
  }

  // The potential each candidate would leave were it added to the seeds so far. Also takes the
  // pending seed into account wherever that is still to do.
  std::vector<double> weigh(const RowMatrix& candidates) {
    const auto count = static_cast<std::size_t>(candidates.rows());
    const Eigen::Index seeds_so_far = pending_ + 1;
    std::vector<double> apart;  // candidate-major: candidate c to seed s at c · seeds_so_far + s
    for (Eigen::Index c = 0; c < candidates.rows(); ++c) {
      const auto row = squared_distances(candidates, c, seeds_, seeds_so_far);
      apart.insert(apart.end(), row.begin(), row.end());
    }
    candidate_sums_.assign(chunks_.count() * count, 0.0);
    pool_.run(chunks_.count(), [&](std::size_t chunk) {
      take_pending(chunk);
      double* sums = candidate_sums_.data() + chunk * count;
      with_feature_count(samples_.cols(), [&](auto features) {
        for (Eigen::Index i = chunks_[chunk].begin; i < chunks_[chunk].end; ++i) {
          const auto at = static_cast<std::size_t>(i);
          const double nearest = squared_[at];
          const double* apart_from_mine = apart.data() + nearest_[at];
          for (std::size_t c = 0; c < count; ++c) {
            double d = nearest;
            if (apart_from_mine[c * static_cast<std::size_t>(seeds_so_far)] < 4 * nearest) {
              const double* candidate = candidates.data() + static_cast<Eigen::Index>(c) * features;
              d = std::min(d, squared_distance(samples_.data() + i * features, candidate, features));
            }
            sums[c] += d;
          }
        }
      });
    });
    std::vector<double> totals(count, 0.0);
    for (std::size_t chunk = 0; chunk < chunks_.count(); ++chunk) {
      for (std::size_t c = 0; c < count; ++c) totals[c] += candidate_sums_[chunk * count + c];
    }
    return totals;
  }

  // Seed `seed` (a row of the seeds, the next after the current ones) is candidate `candidate`
  // of the last weigh(): its potentials per chunk are known, its distances are not yet taken.
  void choose(Eigen::Index seed, std::size_t candidate) {
    const std::size_t count = candidate_sums_.size() / chunks_.count();
    potential_ = 0;
    for (std::size_t chunk = 0; chunk < chunks_.count(); ++chunk) {
      chunk_sums_[chunk] = candidate_sums_[chunk * count + candidate];
      potential_ += chunk_sums_[chunk];
    }
    pending_ = seed;
    pending_apart_ = squared_distances(seeds_, seed, seeds_, seed);
    std::fill(pending_in_chunk_.begin(), pending_in_chunk_.end(), 1);
  }

  // Takes the last chosen seed into account everywhere, and hands over what is known.
  Seeding finish() && {
    pool_.run(chunks_.count(), [&](std::size_t chunk) { take_pending(chunk); });
    return {seeds_, std::move(nearest_), std::move(squared_)};
  }

 private:
  void take_pending(std::size_t chunk) {
    if (!pending_in_chunk_[chunk]) return;
    pending_in_chunk_[chunk] = 0;
    const int seed = static_cast<int>(pending_);
    with_feature_count(samples_.cols(), [&](auto features) {
      const double* seed_row = seeds_.data() + pending_ * features;
      for (Eigen::Index i = chunks_[chunk].begin; i < chunks_[chunk].end; ++i) {
        const auto at = static_cast<std::size_t>(i);
        double& nearest = squared_[at];
        if (pending_apart_[static_cast<std::size_t>(nearest_[at])] >= 4 * nearest) continue;
        const double d = squared_distance(samples_.data() + i * features, seed_row, features);
        if (d < nearest) {
          nearest = d;
          nearest_[at] = seed;
        }
      }
    });
  }

  const RowMatrix& samples_;
  const RowMatrix& seeds_;
  RowChunks chunks_;
  ThreadPool& pool_;
  std::vector<double> squared_;     // to the nearest seed taken into account
  std::vector<int> nearest_;        // which seed that is
  std::vector<double> chunk_sums_;  // potential per chunk, the pending seed included
  double potential_ = 0;
  Eigen::Index pending_ = 0;           // the last chosen seed
  std::vector<double> pending_apart_;  // its squared distances to the seeds before it
  // Chunks where it is still to be taken into account (bytes, not vector<bool>: threads write
  // neighbouring chunks' flags at once).
  std::vector<unsigned char> pending_in_chunk_;
  std::vector<double> candidate_sums_;  // the last weigh(): chunk-major, candidate-minor
};

}  // namespace

Seeding greedy_kmeans_plus_plus(const RowMatrix& samples, int k, SeededRandom& random, ThreadPool& pool) {
  const Eigen::Index features = samples.cols();
  const int trials = 2 + static_cast<int>(std::log(k));
  RowMatrix seeds(k, features);
  seeds.row(0) = samples.row(static_cast<Eigen::Index>(random.below(static_cast<std::size_t>(samples.rows()))));
  NearestSeeds nearest(samples, seeds, pool);

  RowMatrix candidates(trials, features);
  for (Eigen::Index s = 1; s < k; ++s) {
    for (int t = 0; t < trials; ++t) {
      // Every sample already coincides with a seed (fewer distinct samples than k): any
      // sample will do, and Lloyd's empty-cluster handling copes with the duplicates.
      const Eigen::Index drawn =
          nearest.potential() > 0 ? nearest.sample_at(random.uniform() * nearest.potential())
                                  : static_cast<Eigen::Index>(random.below(static_cast<std::size_t>(samples.rows())));
      candidates.row(t) = samples.row(drawn);
    }
    const std::vector<double> potentials = nearest.weigh(candidates);
    const auto best = std::min_element(potentials.begin(), potentials.end()) - potentials.begin();
    seeds.row(s) = candidates.row(best);
    nearest.choose(s, static_cast<std::size_t>(best));
  }
  return std::move(nearest).finish();
}

}  // namespace sonic::ml::detail
