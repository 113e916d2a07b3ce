#pragma once
// How good a classifier is: accuracy, the confusion matrix, precision / recall / F1 per class
// and their unweighted mean (macro-F1, which a rare mood counts in as much as a common one),
// and one-vs-rest ROC-AUC from predicted probabilities. The definitions are scikit-learn's
// (accuracy_score, f1_score(average=None / "macro"), roc_auc_score(multi_class="ovr",
// average="macro")), so figures can be checked against it.
#include <Eigen/Core>

#include <optional>
#include <vector>

namespace sonic::ml {

struct ClassScores {
  double precision = 0;  // 0 when the class was never predicted (sklearn's zero_division=0)
  double recall = 0;     // 0 when the class never occurs
  double f1 = 0;
  Eigen::Index support = 0;  // true occurrences
};

struct ClassificationMetrics {
  double accuracy = 0;
  double macro_f1 = 0;  // over classes that occur or are predicted
  std::vector<ClassScores> classes;
  Eigen::MatrixXi confusion;  // [true][predicted]
};

// Labels in [0, classes); the two vectors the same length, not empty.
ClassificationMetrics classification_metrics(const Eigen::VectorXi& truth, const Eigen::VectorXi& predicted,
                                             int classes);

// The area under the ROC curve of `scores` for the positives (ties count a half, as the
// Mann-Whitney U statistic does). Nullopt when only one class is present.
std::optional<double> roc_auc(const Eigen::Ref<const Eigen::VectorXd>& scores, const std::vector<bool>& positive);

// Mean of each class's one-vs-rest AUC, over the classes present in `truth` with at least one
// other class present too. `probabilities` is samples × classes.
std::optional<double> one_vs_rest_auc(const Eigen::VectorXi& truth, const Eigen::MatrixXd& probabilities);

}  // namespace sonic::ml
