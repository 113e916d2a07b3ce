#pragma once
// How good binary probabilities are, as scikit-learn computes them: labels 0/1 and one score
// (the probability of 1) per row in, a number out.
//
// Every function throws InputError when the two vectors differ in length, are empty, or hold a
// label other than 0/1 (and a probability outside [0, 1] where one is required).
#include <Eigen/Core>

namespace sonic::ml {

// Area under the ROC curve (roc_auc_score): the chance that a random positive row scores above a
// random negative one, ties counting half (classification_metrics.hpp's rank-sum roc_auc, with
// 0/1 labels and checks). Throws InputError unless both classes are present.
double roc_auc(const Eigen::VectorXi& labels, const Eigen::VectorXd& scores);

// Area under the precision-recall curve as average precision (average_precision_score): the
// precision at each distinct score threshold, weighted by the recall it adds. Throws
// InputError when there is no positive row.
double average_precision(const Eigen::VectorXi& labels, const Eigen::VectorXd& scores);

// Mean −log p(label) (log_loss), probabilities clipped to [ε, 1 − ε] with ε the double's
// machine epsilon, as scikit-learn's default does.
double log_loss(const Eigen::VectorXi& labels, const Eigen::VectorXd& probabilities);

// Mean squared difference between probability and label (brier_score_loss).
double brier_score(const Eigen::VectorXi& labels, const Eigen::VectorXd& probabilities);

}  // namespace sonic::ml
