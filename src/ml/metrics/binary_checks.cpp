#include "ml/metrics/binary_checks.hpp"

#include <cmath>
#include <string>

#include "sonic/core/error.hpp"

namespace sonic::ml::detail {

void require_binary_scores(const Eigen::VectorXi& labels, const Eigen::VectorXd& scores, bool probabilities,
                           std::string_view metric) {
  const std::string name(metric);
  if (labels.size() != scores.size()) {
    throw InputError(name + ": " + std::to_string(labels.size()) + " labels but " + std::to_string(scores.size()) +
                     " scores");
  }
  if (labels.size() == 0) throw InputError(name + ": no rows");
  for (Eigen::Index i = 0; i < labels.size(); ++i) {
    if (labels[i] != 0 && labels[i] != 1) {
      throw InputError(name + ": row " + std::to_string(i) + " has label " + std::to_string(labels[i]) +
                       ", expected 0 or 1");
    }
    const double score = scores[i];
    if (!std::isfinite(score) || (probabilities && (score < 0 || score > 1))) {
      throw InputError(name + ": row " + std::to_string(i) + " has " + (probabilities ? "probability " : "score ") +
                       std::to_string(score));
    }
  }
}

}  // namespace sonic::ml::detail
