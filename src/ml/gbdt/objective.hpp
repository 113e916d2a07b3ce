#pragma once
// The losses the booster minimises: their gradients and hessians (what trees are fitted to),
// their mean value (what early stopping watches), the starting margin, and the link from
// margins to probabilities.
//
// Margins are rows x outputs matrices (column-major, so one output's margins are contiguous: a
// tree adds to one output, row by row).
#include <Eigen/Dense>
#include <vector>

#include "ml/common/thread_pool.hpp"
#include "ml/gbdt/gradient_pair.hpp"
#include "sonic/ml/gbdt/params.hpp"

namespace sonic::ml::gbdt {

// Hessians are kept at least this large, as XGBoost does: a confident, correct row would
// otherwise weigh nothing and a leaf of such rows divide by zero.
inline constexpr double kMinHessian = 1e-16;

// The margin every row starts from. Binary: the log-odds of the share of label 1. Softmax: the
// log of each class's share. A class that never occurs counts as a tiny share, not zero.
std::vector<double> base_margin(GbdtObjective objective, std::size_t outputs, const Eigen::VectorXi& labels);

// Gradient pairs of every row, one array per output: gradients[k][r].
//   binary:  p = sigmoid(m),  g = p - y,  h = p (1 - p)
//   softmax: p = softmax(m),  g_k = p_k - [y = k],  h_k = 2 p_k (1 - p_k)
// (the factor 2 is XGBoost's: the diagonal bound of the softmax Hessian that keeps Newton steps
// from overshooting when the K trees of a round are fitted independently).
void compute_gradients(GbdtObjective objective, const Eigen::MatrixXd& margins, const Eigen::VectorXi& labels,
                       std::vector<std::vector<GradientPair>>& gradients, ThreadPool& pool);

// Mean negative log-likelihood (log-loss) of the labels under the margins.
double mean_loss(GbdtObjective objective, const Eigen::MatrixXd& margins, const Eigen::VectorXi& labels);

// Class probabilities, rows x classes (binary: P(0), P(1)).
Eigen::MatrixXd probabilities(GbdtObjective objective, const Eigen::MatrixXd& margins);

}  // namespace sonic::ml::gbdt
