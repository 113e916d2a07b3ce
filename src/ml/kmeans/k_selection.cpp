#include "sonic/ml/kmeans/k_selection.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "ml/common/thread_pool.hpp"
#include "ml/kmeans/kmeans_fit.hpp"
#include "ml/kmeans/silhouette.hpp"
#include "sonic/core/error.hpp"
#include "sonic/ml/common/invalid_argument.hpp"

namespace sonic::ml {
namespace {

// The Ks to try: k_min … k_max, the top capped so that clusters average enough rows.
std::vector<int> ks_to_try(const KSelectionOptions& options, Eigen::Index rows) {
  if (options.forced_k) return {*options.forced_k};
  if (options.k_min < 2 || options.k_max < options.k_min) {
    throw InvalidArgument("choosing K: need 2 ≤ k_min ≤ k_max, got " + std::to_string(options.k_min) + " … " +
                          std::to_string(options.k_max));
  }
  if (options.min_rows_per_cluster < 1) {
    throw InvalidArgument("choosing K: min_rows_per_cluster must be at least 1");
  }
  const auto cap = rows / options.min_rows_per_cluster;
  const int k_max = static_cast<int>(std::min<Eigen::Index>(options.k_max, cap));
  if (k_max < options.k_min) {
    throw InputError("choosing K: " + std::to_string(rows) + " rows are too few to try K = " +
                     std::to_string(options.k_min) + " (at least " + std::to_string(options.min_rows_per_cluster) +
                     " rows per cluster are needed); give K explicitly instead");
  }
  std::vector<int> ks;
  for (int k = options.k_min; k <= k_max; ++k) ks.push_back(k);
  return ks;
}

}  // namespace

KSelection select_k(const Eigen::MatrixXd& samples, const KSelectionOptions& options) {
  const detail::PreparedSamples prepared = detail::prepare_samples(samples, "k-means samples");
  const std::vector<int> ks = ks_to_try(options, samples.rows());

  ThreadPool pool(options.kmeans.num_threads);
  std::vector<KMeansResult> fits;
  std::vector<Eigen::VectorXi> labelings;
  for (int k : ks) {
    KMeansOptions fit_options = options.kmeans;
    fit_options.k = k;
    fits.push_back(detail::fit_prepared(prepared, fit_options, pool));
    labelings.push_back(fits.back().labels);
  }
  // All clusterings are scored in one pass over one sample's pairwise distances.
  const std::vector<double> silhouettes = silhouette_scores(
      samples, labelings, {options.silhouette_sample_size, options.kmeans.seed, options.kmeans.num_threads});

  KSelection selection;
  for (std::size_t i = 0; i < ks.size(); ++i) {
    selection.candidates.push_back({ks[i], fits[i].inertia, silhouettes[i], fits[i].iterations});
  }
  selection.choice =
      options.forced_k ? KChoice{ks.front(), KChoiceReason::forced} : choose_k(selection.candidates, options.rules);
  const auto chosen = std::find(ks.begin(), ks.end(), selection.choice.k) - ks.begin();
  selection.model = std::move(fits[static_cast<std::size_t>(chosen)]);
  return selection;
}

}  // namespace sonic::ml
