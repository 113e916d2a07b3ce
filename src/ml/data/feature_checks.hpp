#pragma once
// Checks on feature matrices (one row per sample, one column per named feature) before a model
// trains on or predicts from them; failures are sonic::InputError naming what and where.
#include <Eigen/Core>

#include <span>
#include <string>
#include <string_view>

namespace sonic::ml {

// The matrix has one column per name and every value is finite. `what` names the data in the
// message ("training features").
void require_finite_features(const Eigen::Ref<const Eigen::MatrixXf>& features,
                             std::span<const std::string> feature_names, std::string_view what);

}  // namespace sonic::ml
