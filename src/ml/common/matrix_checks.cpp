#include "ml/common/matrix_checks.hpp"

#include <cmath>
#include <string>

#include "sonic/core/error.hpp"

namespace sonic::ml::detail {

void require_finite_samples(const Eigen::MatrixXd& matrix, std::string_view what) {
  if (matrix.rows() == 0 || matrix.cols() == 0) {
    throw InputError(std::string(what) + " is empty (" + std::to_string(matrix.rows()) + " rows, " +
                     std::to_string(matrix.cols()) + " columns)");
  }
  if (matrix.allFinite()) return;
  // Only on failure: find the first bad value in row order, which is how a person reads data.
  for (Eigen::Index row = 0; row < matrix.rows(); ++row) {
    for (Eigen::Index column = 0; column < matrix.cols(); ++column) {
      const double value = matrix(row, column);
      if (!std::isfinite(value)) {
        throw InputError(std::string(what) + ": row " + std::to_string(row) + ", column " + std::to_string(column) +
                         " is " + (std::isnan(value) ? "NaN" : "infinite"));
      }
    }
  }
}

void require_columns(const Eigen::MatrixXd& matrix, Eigen::Index columns, std::string_view what) {
  if (matrix.cols() != columns) {
    throw InputError(std::string(what) + " has " + std::to_string(matrix.cols()) + " columns where " +
                     std::to_string(columns) + " are expected");
  }
}

}  // namespace sonic::ml::detail
