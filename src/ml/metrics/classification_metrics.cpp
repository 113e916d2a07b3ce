#include "sonic/ml/metrics/classification_metrics.hpp"

#include "sonic/core/error.hpp"

#include <algorithm>
#include <numeric>

namespace sonic::ml {

ClassificationMetrics classification_metrics(const Eigen::VectorXi& truth, const Eigen::VectorXi& predicted,
                                             int classes) {
  if (truth.size() != predicted.size() || truth.size() == 0) {
    throw InputError("classification metrics need as many predictions as labels, and at least one");
  }
  ClassificationMetrics metrics;
  metrics.confusion = Eigen::MatrixXi::Zero(classes, classes);
  for (Eigen::Index i = 0; i < truth.size(); ++i) {
    if (truth(i) < 0 || truth(i) >= classes || predicted(i) < 0 || predicted(i) >= classes) {
      throw InputError("classification metrics: label out of range at row " + std::to_string(i));
    }
    ++metrics.confusion(truth(i), predicted(i));
  }
  metrics.accuracy = static_cast<double>(metrics.confusion.trace()) / static_cast<double>(truth.size());
  double f1_sum = 0;
  int counted = 0;
  for (int c = 0; c < classes; ++c) {
    ClassScores scores;
    const auto hits = static_cast<double>(metrics.confusion(c, c));
    const auto actual = metrics.confusion.row(c).sum();
    const auto claimed = metrics.confusion.col(c).sum();
    scores.support = actual;
    scores.precision = claimed > 0 ? hits / static_cast<double>(claimed) : 0;
    scores.recall = actual > 0 ? hits / static_cast<double>(actual) : 0;
    const double both = scores.precision + scores.recall;
    scores.f1 = both > 0 ? 2 * scores.precision * scores.recall / both : 0;
    if (actual > 0 || claimed > 0) {
      f1_sum += scores.f1;
      ++counted;
    }
    metrics.classes.push_back(scores);
  }
  metrics.macro_f1 = counted > 0 ? f1_sum / counted : 0;
  return metrics;
}

std::optional<double> roc_auc(const Eigen::Ref<const Eigen::VectorXd>& scores, const std::vector<bool>& positive) {
  const auto n = static_cast<std::size_t>(scores.size());
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return scores(static_cast<Eigen::Index>(a)) < scores(static_cast<Eigen::Index>(b));
  });
  // Rank-sum (Mann-Whitney): tied scores share their mean rank.
  double positive_rank_sum = 0;
  double positives = 0;
  for (std::size_t start = 0; start < n;) {
    std::size_t end = start;
    while (end < n && scores(static_cast<Eigen::Index>(order[end])) == scores(static_cast<Eigen::Index>(order[start])))
      ++end;
    const double mean_rank = (static_cast<double>(start + 1) + static_cast<double>(end)) / 2;
    for (std::size_t i = start; i < end; ++i) {
      if (positive[order[i]]) {
        positive_rank_sum += mean_rank;
        ++positives;
      }
    }
    start = end;
  }
  const double negatives = static_cast<double>(n) - positives;
  if (positives == 0 || negatives == 0) return std::nullopt;
  return (positive_rank_sum - positives * (positives + 1) / 2) / (positives * negatives);
}

std::optional<double> one_vs_rest_auc(const Eigen::VectorXi& truth, const Eigen::MatrixXd& probabilities) {
  double sum = 0;
  int counted = 0;
  for (Eigen::Index c = 0; c < probabilities.cols(); ++c) {
    std::vector<bool> positive(static_cast<std::size_t>(truth.size()));
    for (Eigen::Index i = 0; i < truth.size(); ++i) positive[static_cast<std::size_t>(i)] = truth(i) == c;
    if (const auto auc = roc_auc(probabilities.col(c), positive)) {
      sum += *auc;
      ++counted;
    }
  }
  if (counted == 0) return std::nullopt;
  return sum / counted;
}

}  // namespace sonic::ml
