#include "ml/gbdt/objective.hpp"
#include "ml/common/thread_pool.hpp"

#include <algorithm>
#include <cmath>

namespace sonic::ml::gbdt {
namespace {

constexpr double kMinShare = 1e-6;
constexpr std::size_t kBlockRows = 1 << 14;

double sigmoid(double margin) { return 1.0 / (1.0 + std::exp(-margin)); }

// log(1 + exp(x)) without overflow.
double softplus(double x) { return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }

// Softmax of one row's margins into `p`; returns log(sum exp(m - max)) + max, the log-partition.
double softmax(const double* margins, std::size_t outputs, double* p) {
  const double top = *std::max_element(margins, margins + outputs);
  double total = 0;
  for (std::size_t k = 0; k < outputs; ++k) total += p[k] = std::exp(margins[k] - top);
  for (std::size_t k = 0; k < outputs; ++k) p[k] /= total;
  return top + std::log(total);
}

// Gradient pairs are stored as float, so they are computed in float: single-precision exp is
// cheaper, and its error (a few parts in 10^8) is below what a float keeps anyway. XGBoost
// computes them in float too.
GradientPair logistic_pair(double margin, int label) {
  const float p = 1.0f / (1.0f + std::exp(-static_cast<float>(margin)));
  return {p - static_cast<float>(label), std::max(p * (1.0f - p), static_cast<float>(kMinHessian))};
}

// The pairs of one row for every class; `scratch` holds the row's probabilities.
void softmax_pairs(const Eigen::MatrixXd& margins, Eigen::Index row, int label,
                   std::vector<std::vector<GradientPair>>& gradients, std::vector<float>& p) {
  const std::size_t outputs = p.size();
  const float top = static_cast<float>(margins.row(row).maxCoeff());
  float total = 0;
  for (std::size_t k = 0; k < outputs; ++k) {
    total += p[k] = std::exp(static_cast<float>(margins(row, static_cast<Eigen::Index>(k))) - top);
  }
  for (std::size_t k = 0; k < outputs; ++k) {
    const float q = p[k] / total;
    const float target = static_cast<int>(k) == label ? 1.0f : 0.0f;
    gradients[k][static_cast<std::size_t>(row)] = {q - target,
                                                   std::max(2.0f * q * (1.0f - q), static_cast<float>(kMinHessian))};
  }
}

}  // namespace

std::vector<double> base_margin(GbdtObjective objective, std::size_t outputs, const Eigen::VectorXi& labels) {
  const auto rows = static_cast<double>(std::max<Eigen::Index>(labels.size(), 1));
  if (objective == GbdtObjective::binary_logistic) {
    const double ones = static_cast<double>((labels.array() == 1).count());
    const double share = std::clamp(ones / rows, kMinShare, 1 - kMinShare);
    return {std::log(share / (1 - share))};
  }
  std::vector<double> margin(outputs);
  for (std::size_t k = 0; k < outputs; ++k) {
    const double share = static_cast<double>((labels.array() == static_cast<int>(k)).count()) / rows;
    margin[k] = std::log(std::max(share, kMinShare));
  }
  return margin;
}

void compute_gradients(GbdtObjective objective, const Eigen::MatrixXd& margins, const Eigen::VectorXi& labels,
                       std::vector<std::vector<GradientPair>>& gradients, ThreadPool& pool) {
  const auto rows = static_cast<std::size_t>(labels.size());
  const std::size_t outputs = gradients.size();
  const std::size_t blocks = (rows + kBlockRows - 1) / kBlockRows;
  pool.run(blocks, [&](std::size_t block) {
    const std::size_t end = std::min(rows, (block + 1) * kBlockRows);
    std::vector<float> p(outputs);
    for (std::size_t r = block * kBlockRows; r < end; ++r) {
      const auto row = static_cast<Eigen::Index>(r);
      if (objective == GbdtObjective::binary_logistic) {
        gradients[0][r] = logistic_pair(margins(row, 0), labels[row]);
      } else {
        softmax_pairs(margins, row, labels[row], gradients, p);
      }
    }
  });
}

double mean_loss(GbdtObjective objective, const Eigen::MatrixXd& margins, const Eigen::VectorXi& labels) {
  const Eigen::Index rows = labels.size();
  if (rows == 0) return 0;
  const auto outputs = static_cast<std::size_t>(margins.cols());
  double total = 0;
  std::vector<double> m(outputs);
  std::vector<double> p(outputs);
  for (Eigen::Index r = 0; r < rows; ++r) {
    const int label = labels[r];
    if (objective == GbdtObjective::binary_logistic) {
      // -log p(y) = softplus(m) - y m
      total += softplus(margins(r, 0)) - label * margins(r, 0);
    } else {
      for (std::size_t k = 0; k < outputs; ++k) m[k] = margins(r, static_cast<Eigen::Index>(k));
      total += softmax(m.data(), outputs, p.data()) - m[static_cast<std::size_t>(label)];
    }
  }
  return total / static_cast<double>(rows);
}

Eigen::MatrixXd probabilities(GbdtObjective objective, const Eigen::MatrixXd& margins) {
  if (objective == GbdtObjective::binary_logistic) {
    Eigen::MatrixXd p(margins.rows(), 2);
    for (Eigen::Index r = 0; r < margins.rows(); ++r) {
      p(r, 1) = sigmoid(margins(r, 0));
      p(r, 0) = 1 - p(r, 1);
    }
    return p;
  }
  const auto outputs = static_cast<std::size_t>(margins.cols());
  Eigen::MatrixXd p(margins.rows(), margins.cols());
  std::vector<double> row_margins(outputs);
  std::vector<double> row_p(outputs);
  for (Eigen::Index r = 0; r < margins.rows(); ++r) {
    for (std::size_t k = 0; k < outputs; ++k) row_margins[k] = margins(r, static_cast<Eigen::Index>(k));
    softmax(row_margins.data(), outputs, row_p.data());
    for (std::size_t k = 0; k < outputs; ++k) p(r, static_cast<Eigen::Index>(k)) = row_p[k];
  }
  return p;
}

}  // namespace sonic::ml::gbdt
