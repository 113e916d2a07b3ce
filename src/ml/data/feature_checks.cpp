#include "ml/data/feature_checks.hpp"

#include "sonic/core/error.hpp"

#include <cmath>

namespace sonic::ml {

void require_finite_features(const Eigen::Ref<const Eigen::MatrixXf>& features,
                             std::span<const std::string> feature_names, std::string_view what) {
  if (features.cols() != static_cast<Eigen::Index>(feature_names.size())) {
    throw InputError(std::string(what) + " have " + std::to_string(features.cols()) + " columns, expected " +
                     std::to_string(feature_names.size()) + " (one per feature)");
  }
  if (features.allFinite()) return;  // the common case: one vectorised pass
  for (Eigen::Index row = 0; row < features.rows(); ++row) {
    for (Eigen::Index column = 0; column < features.cols(); ++column) {
      if (!std::isfinite(features(row, column))) {
        throw InputError(std::string(what) + ": row " + std::to_string(row) + ", feature '" +
                         feature_names[static_cast<std::size_t>(column)] + "' is " +
                         (std::isnan(features(row, column)) ? "NaN" : "infinite"));
      }
    }
  }
}

}  // namespace sonic::ml
