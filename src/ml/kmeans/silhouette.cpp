#include "ml/kmeans/silhouette.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <string>

#include "ml/common/matrix_checks.hpp"
#include "ml/common/thread_pool.hpp"
#include "ml/kmeans/cluster_distance_sums.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/random.hpp"

namespace sonic::ml {
namespace {

// The rows scored, in ascending order: all of them, or `sample_size` drawn without replacement
// (the first draws of a seeded Fisher-Yates shuffle).
std::vector<Eigen::Index> rows_to_score(Eigen::Index rows, const SilhouetteOptions& options) {
  std::vector<Eigen::Index> order(static_cast<std::size_t>(rows));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  if (options.sample_size <= 0 || options.sample_size >= rows) return order;
  SeededRandom random(options.seed);
  const auto sample = static_cast<std::size_t>(options.sample_size);
  for (std::size_t i = 0; i < sample; ++i) {
    std::swap(order[i], order[i + random.below(order.size() - i)]);
  }
  order.resize(sample);
  std::sort(order.begin(), order.end());
  return order;
}

std::string which(std::size_t labeling, std::size_t labelings) {
  return labelings == 1 ? "silhouette labels" : "silhouette labeling " + std::to_string(labeling);
}

// The labels of the scored rows, recoded 0 … clusters − 1 in increasing order of the ids.
detail::CompactLabels compact(const Eigen::VectorXi& labels, std::span<const Eigen::Index> rows,
                              const std::string& what) {
  std::vector<int> ids(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ids[i] = labels[rows[i]];
    if (ids[i] < 0) {
      throw InputError(what + ": row " + std::to_string(rows[i]) + " has the negative id " + std::to_string(ids[i]));
    }
  }
  std::vector<int> distinct = ids;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  detail::CompactLabels compacted{std::vector<int>(rows.size()), std::vector<Eigen::Index>(distinct.size(), 0)};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto code = std::lower_bound(distinct.begin(), distinct.end(), ids[i]) - distinct.begin();
    compacted.codes[i] = static_cast<int>(code);
    compacted.counts[static_cast<std::size_t>(code)] += 1;
  }
  return compacted;
}

// A silhouette needs a second cluster to compare with, and a cluster with two members.
bool defined(const detail::CompactLabels& labels) {
  return labels.counts.size() >= 2 && labels.counts.size() < labels.codes.size();
}

// Mean over points of (b − a) / max(a, b), from each point's distance sums per cluster.
double mean_silhouette(const detail::RowMatrix& sums, const detail::CompactLabels& labels) {
  double total = 0;
  for (Eigen::Index i = 0; i < sums.rows(); ++i) {
    const int own = labels.codes[static_cast<std::size_t>(i)];
    const Eigen::Index own_size = labels.counts[static_cast<std::size_t>(own)];
    if (own_size == 1) continue;  // a lone point scores 0 (scikit-learn's convention)
    const double a = sums(i, own) / static_cast<double>(own_size - 1);
    double b = std::numeric_limits<double>::infinity();
    for (Eigen::Index c = 0; c < sums.cols(); ++c) {
      if (c != own) b = std::min(b, sums(i, c) / static_cast<double>(labels.counts[static_cast<std::size_t>(c)]));
    }
    const double spread = std::max(a, b);
    if (spread > 0) total += (b - a) / spread;  // all distances 0: scores 0, as in scikit-learn
  }
  return total / static_cast<double>(sums.rows());
}

// Scores every labeling; an undefined one scores NaN, or throws when `undefined_throws`.
std::vector<double> score(const Eigen::MatrixXd& samples, std::span<const Eigen::VectorXi> labelings,
                          const SilhouetteOptions& options, bool undefined_throws) {
  detail::require_finite_samples(samples, "silhouette samples");
  const std::vector<Eigen::Index> rows = rows_to_score(samples.rows(), options);
  std::vector<detail::CompactLabels> scorable;
  std::vector<std::size_t> scorable_index;
  for (std::size_t l = 0; l < labelings.size(); ++l) {
    const std::string what = which(l, labelings.size());
    if (labelings[l].size() != samples.rows()) {
      throw InputError(what + " has " + std::to_string(labelings[l].size()) + " entries for " +
                       std::to_string(samples.rows()) + " rows");
    }
    detail::CompactLabels compacted = compact(labelings[l], rows, what);
    if (defined(compacted)) {
      scorable.push_back(std::move(compacted));
      scorable_index.push_back(l);
    } else if (undefined_throws) {
      throw InputError(what + ": the " + std::to_string(rows.size()) + " rows scored hold " +
                       std::to_string(compacted.counts.size()) + " clusters; a silhouette needs 2 to " +
                       std::to_string(rows.size() - 1));
    }
  }
  std::vector<double> scores(labelings.size(), std::numeric_limits<double>::quiet_NaN());
  if (scorable.empty()) return scores;
  const Eigen::MatrixXd points = samples(rows, Eigen::all);
  ThreadPool pool(options.num_threads);
  const std::vector<detail::RowMatrix> sums = detail::cluster_distance_sums(points, scorable, pool);
  for (std::size_t s = 0; s < scorable.size(); ++s) {
    scores[scorable_index[s]] = mean_silhouette(sums[s], scorable[s]);
  }
  return scores;
}

}  // namespace

std::vector<double> silhouette_scores(const Eigen::MatrixXd& samples, std::span<const Eigen::VectorXi> labelings,
                                      const SilhouetteOptions& options) {
  return score(samples, labelings, options, /*undefined_throws=*/false);
}

double silhouette_score(const Eigen::MatrixXd& samples, const Eigen::VectorXi& labels,
                        const SilhouetteOptions& options) {
  return score(samples, std::span(&labels, 1), options, /*undefined_throws=*/true).front();
}

}  // namespace sonic::ml
