#pragma once
// The figures every session forecaster (the model and its baselines) is judged by on the
// held-out hours.
#include <Eigen/Core>
#include <nlohmann/json.hpp>

namespace sonic::session {

struct SessionScores {
  double roc_auc = 0;
  double pr_auc = 0;  // average precision
  double log_loss = 0;
  double brier = 0;
};

// Throws InputError unless the labels hold both classes.
SessionScores score_forecast(const Eigen::VectorXi& labels, const Eigen::VectorXd& probabilities);

nlohmann::json to_json(const SessionScores& scores);  // {"roc_auc", "pr_auc", "log_loss", "brier"}

}  // namespace sonic::session
