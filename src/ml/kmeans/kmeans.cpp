#include "sonic/ml/kmeans/kmeans.hpp"

#include <algorithm>
#include <string>

#include "ml/common/matrix_checks.hpp"
#include "ml/common/thread_pool.hpp"
#include "ml/kmeans/kmeans_fit.hpp"
#include "ml/kmeans/kmeans_plus_plus.hpp"
#include "ml/kmeans/lloyd.hpp"
#include "ml/kmeans/locality_order.hpp"
#include "ml/kmeans/row_chunks.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/random.hpp"
#include "sonic/ml/common/invalid_argument.hpp"

namespace sonic::ml {
namespace detail {
namespace {

void check_options(const KMeansOptions& options, Eigen::Index rows) {
  if (options.k < 1) {
    throw InvalidArgument("k-means: k must be at least 1, got " + std::to_string(options.k));
  }
  if (options.n_init < 1) {
    throw InvalidArgument("k-means: n_init must be at least 1, got " + std::to_string(options.n_init));
  }
  if (options.max_iter < 1) {
    throw InvalidArgument("k-means: max_iter must be at least 1, got " + std::to_string(options.max_iter));
  }
  if (!(options.tol >= 0)) throw InvalidArgument("k-means: tol must be ≥ 0");
  if (options.num_threads < 0) throw InvalidArgument("k-means: num_threads must be ≥ 0");
  if (options.k > rows) {
    throw InputError("k-means: cannot make " + std::to_string(options.k) + " clusters from " + std::to_string(rows) +
                     " samples");
  }
}

}  // namespace

PreparedSamples prepare_samples(const Eigen::MatrixXd& samples, const char* what) {
  require_finite_samples(samples, what);
  PreparedSamples prepared;
  prepared.input_row = locality_order(samples);
  prepared.rows = samples(prepared.input_row, Eigen::all);
  const Eigen::RowVectorXd mean = samples.colwise().mean();
  const auto n = static_cast<double>(samples.rows());
  prepared.mean_variance = (samples.rowwise() - mean).colwise().squaredNorm().mean() / n;
  return prepared;
}

KMeansResult fit_prepared(const PreparedSamples& samples, const KMeansOptions& options, ThreadPool& pool) {
  check_options(options, samples.rows.rows());
  const LloydSettings settings{options.max_iter, options.tol * samples.mean_variance};
  LloydOutcome best;
  for (int restart = 0; restart < options.n_init; ++restart) {
    // One stream per restart: restart r starts the same whatever n_init is.
    auto random = SeededRandom::for_stream(options.seed, static_cast<std::uint64_t>(restart));
    LloydOutcome outcome =
        run_lloyd(samples.rows, greedy_kmeans_plus_plus(samples.rows, options.k, random, pool), settings, pool);
    if (restart == 0 || outcome.inertia < best.inertia) best = std::move(outcome);
  }
  Eigen::VectorXi labels(best.labels.size());
  for (Eigen::Index row = 0; row < labels.size(); ++row) {
    labels[samples.input_row[static_cast<std::size_t>(row)]] = best.labels[row];
  }
  return {best.centroids, std::move(labels), best.inertia, best.iterations};
}

}  // namespace detail

KMeansResult fit_kmeans(const Eigen::MatrixXd& samples, const KMeansOptions& options) {
  const detail::PreparedSamples prepared = detail::prepare_samples(samples, "k-means samples");
  ThreadPool pool(options.num_threads);
  return detail::fit_prepared(prepared, options, pool);
}

Eigen::VectorXi assign_to_nearest(const Eigen::MatrixXd& centroids, const Eigen::MatrixXd& samples, int num_threads) {
  detail::require_finite_samples(centroids, "centroids");
  detail::require_finite_samples(samples, "samples to assign");
  detail::require_columns(samples, centroids.cols(), "samples to assign");
  const detail::RowMatrix rows = samples;
  const detail::RowMatrix centres = centroids;
  Eigen::VectorXi labels(samples.rows());
  const detail::RowChunks chunks(rows.rows(), 4096);
  // No more threads than chunks: a small batch of new tracks is assigned inline.
  ThreadPool pool(std::min(ThreadPool::resolve_thread_count(num_threads), static_cast<int>(chunks.count())));
  pool.run(chunks.count(), [&](std::size_t chunk) {
    detail::with_feature_count(rows.cols(), [&](auto features) {
      for (auto i = chunks[chunk].begin; i < chunks[chunk].end; ++i) {
        labels[i] = detail::nearest_centroid(rows.data() + i * features, centres, features);
      }
    });
  });
  return labels;
}

}  // namespace sonic::ml
