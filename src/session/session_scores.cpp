#include "sonic/session/session_scores.hpp"

#include "sonic/ml/metrics/binary_metrics.hpp"

namespace sonic::session {

SessionScores score_forecast(const Eigen::VectorXi& labels, const Eigen::VectorXd& probabilities) {
  return {.roc_auc = ml::roc_auc(labels, probabilities),
          .pr_auc = ml::average_precision(labels, probabilities),
          .log_loss = ml::log_loss(labels, probabilities),
          .brier = ml::brier_score(labels, probabilities)};
}

nlohmann::json to_json(const SessionScores& scores) {
  return {
      {"roc_auc", scores.roc_auc}, {"pr_auc", scores.pr_auc}, {"log_loss", scores.log_loss}, {"brier", scores.brier}};
}

}  // namespace sonic::session
