#pragma once
// The input checks the binary metrics share.
#include <Eigen/Core>
#include <string_view>

namespace sonic::ml::detail {

// Same non-zero length, labels 0/1, scores finite (and within [0, 1] when `probabilities`).
void require_binary_scores(const Eigen::VectorXi& labels, const Eigen::VectorXd& scores, bool probabilities,
                           std::string_view metric);

}  // namespace sonic::ml::detail
