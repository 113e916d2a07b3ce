#pragma once
// Input checks shared by the ml/ algorithms: each failure is an InputError that names the
// matrix (as the caller describes it) and the offending row and column.
#include <Eigen/Core>
#include <string_view>

namespace sonic::ml::detail {

// At least one row and one column, every value finite.
void require_finite_samples(const Eigen::MatrixXd& matrix, std::string_view what);

// Exactly `columns` columns (those of the data a model was fitted on).
void require_columns(const Eigen::MatrixXd& matrix, Eigen::Index columns, std::string_view what);

}  // namespace sonic::ml::detail
