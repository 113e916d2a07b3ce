#include "sonic/ml/metrics/binary_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <vector>

#include "ml/metrics/binary_checks.hpp"
#include "sonic/core/error.hpp"
#include "sonic/ml/metrics/classification_metrics.hpp"

namespace sonic::ml {
namespace {

// Row indices by descending score; ties keep their original order (they are grouped anyway).
std::vector<Eigen::Index> by_descending_score(const Eigen::VectorXd& scores) {
  std::vector<Eigen::Index> order(static_cast<std::size_t>(scores.size()));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return scores[a] > scores[b]; });
  return order;
}

}  // namespace

double roc_auc(const Eigen::VectorXi& labels, const Eigen::VectorXd& scores) {
  detail::require_binary_scores(labels, scores, false, "ROC-AUC");
  std::vector<bool> positive(static_cast<std::size_t>(labels.size()));
  for (Eigen::Index i = 0; i < labels.size(); ++i) positive[static_cast<std::size_t>(i)] = labels[i] == 1;
  const std::optional<double> auc = roc_auc(scores, positive);  // classification_metrics.hpp
  if (!auc) throw InputError("ROC-AUC needs both positive and negative rows");
  return *auc;
}

double average_precision(const Eigen::VectorXi& labels, const Eigen::VectorXd& scores) {
  detail::require_binary_scores(labels, scores, false, "average precision");
  const auto positive_count = static_cast<double>(labels.sum());
  if (positive_count == 0) throw InputError("average precision needs at least one positive row");
  const auto order = by_descending_score(scores);
  double true_positives = 0;
  double taken = 0;
  double previous_recall = 0;
  double area = 0;
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    for (; j < order.size() && scores[order[j]] == scores[order[i]]; ++j) {
      true_positives += labels[order[j]];
      taken += 1;
    }
    const double recall = true_positives / positive_count;
    area += (recall - previous_recall) * (true_positives / taken);
    previous_recall = recall;
    i = j;
  }
  return area;
}

double log_loss(const Eigen::VectorXi& labels, const Eigen::VectorXd& probabilities) {
  detail::require_binary_scores(labels, probabilities, true, "log-loss");
  constexpr double kEpsilon = std::numeric_limits<double>::epsilon();
  double total = 0;
  for (Eigen::Index i = 0; i < labels.size(); ++i) {
    const double p = std::clamp(probabilities[i], kEpsilon, 1 - kEpsilon);
    total -= labels[i] == 1 ? std::log(p) : std::log(1 - p);
  }
  return total / static_cast<double>(labels.size());
}

double brier_score(const Eigen::VectorXi& labels, const Eigen::VectorXd& probabilities) {
  detail::require_binary_scores(labels, probabilities, true, "Brier score");
  return (probabilities - labels.cast<double>()).squaredNorm() / static_cast<double>(labels.size());
}

}  // namespace sonic::ml
