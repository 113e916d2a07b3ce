#pragma once
// A trained gradient-boosted tree classifier: predictions, gain importance and per-feature
// contributions (TreeSHAP), on plain feature matrices (rows = samples, NaN = missing).
#include <Eigen/Dense>
#include <cstddef>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sonic/ml/gbdt/params.hpp"
#include "sonic/ml/gbdt/tree.hpp"

namespace sonic::ml {

class GbdtModel {
 public:
  static constexpr std::size_t kAllRounds = std::numeric_limits<std::size_t>::max();

  // Trees are round-major: trees[round * outputs + k] adds to output k, where outputs is
  // base_margin.size() (1 for binary_logistic, one per class for multiclass_softmax).
  // Throws InputError if the parts do not fit together or a tree is malformed.
  GbdtModel(GbdtObjective objective, std::vector<std::string> feature_names, std::vector<std::string> class_names,
            std::vector<double> base_margin, std::vector<GbdtTree> trees,
            nlohmann::json metadata = nlohmann::json::object());

  GbdtObjective objective() const { return objective_; }
  const std::vector<std::string>& feature_names() const { return feature_names_; }
  const std::vector<std::string>& class_names() const { return class_names_; }
  const std::vector<double>& base_margin() const { return base_margin_; }
  const std::vector<GbdtTree>& trees() const { return trees_; }
  std::size_t output_count() const { return base_margin_.size(); }
  std::size_t round_count() const { return trees_.size() / output_count(); }

  // Free-form facts about training (settings, rows, validation losses…); callers add their own.
  const nlohmann::json& metadata() const { return metadata_; }
  nlohmann::json& metadata() { return metadata_; }

  // Raw scores, rows x outputs, from the first `rounds` rounds (all by default).
  Eigen::MatrixXd predict_margin(const Eigen::MatrixXd& features, std::size_t rounds = kAllRounds) const;
  // Class probabilities, rows x classes (binary: P(class 0), P(class 1)).
  Eigen::MatrixXd predict_proba(const Eigen::MatrixXd& features) const;

  // Total gain of the splits on each feature: how much each feature lowered the training loss.
  Eigen::VectorXd gain_importance() const;

  // Why a row scored what it did, for output `output`: rows x (features + 1). Column j is
  // feature j's exact TreeSHAP value (path-dependent: the training covers stand in for the
  // unknown rest of a row); the last column is the bias, the margin of a row nothing is known
  // about. Each row sums to its predict_margin.
  Eigen::MatrixXd contributions(const Eigen::MatrixXd& features, std::size_t output = 0) const;

 private:
  void check_columns(const Eigen::MatrixXd& features) const;

  GbdtObjective objective_;
  std::vector<std::string> feature_names_;
  std::vector<std::string> class_names_;
  std::vector<double> base_margin_;
  std::vector<GbdtTree> trees_;
  nlohmann::json metadata_;
};

}  // namespace sonic::ml
