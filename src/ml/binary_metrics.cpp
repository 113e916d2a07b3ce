#include "sonic/ml/binary_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "binary_checks.hpp"
#include "sonic/core/error.hpp"

namespace sonic::ml {
namespace {

// Row indices by descending score; ties keep their original order (they are grouped anyway).
std::vector<Eigen::Index> by_descending_score(const Eigen::VectorXd& scores) {
  std::vector<Eigen::Index> order(static_cast<std::size_t>(scores.size()));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return scores[a] > scores[b]; });
  return order;
}

double positives(const Eigen::VectorXi& labels) { return static_cast<double>(labels.sum()); }

}  // namespace

double roc_auc(const Eigen::VectorXi& labels, const Eigen::VectorXd& scores) {
  detail::require_binary_scores(labels, scores, false, "ROC-AUC");
  const double positive_count = positives(labels);
  const double negative_count = static_cast<double>(labels.size()) - positive_count;
  if (positive_count == 0 || negative_count == 0) {
    throw InputError("ROC-AUC needs both positive and negative rows");
  }
  // Walking down the scores, each positive outranks the negatives still below it; a tied group
  // counts half of its own negatives for each of its positives.
  const auto order = by_descending_score(scores);
  double negatives_above = 0;
  double wins = 0;
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    double group_positives = 0;
    double group_negatives = 0;
    for (; j < order.size() && scores[order[j]] == scores[order[i]]; ++j) {
      (labels[order[j]] == 1 ? group_positives : group_negatives) += 1;
    }
    wins += group_positives * (negative_count - negatives_above - group_negatives / 2);
    negatives_above += group_negatives;
    i = j;
  }
  return wins / (positive_count * negative_count);
}

double average_precision(const Eigen::VectorXi& labels, const Eigen::VectorXd& scores) {
  detail::require_binary_scores(labels, scores, false, "average precision");
  const double positive_count = positives(labels);
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
