#pragma once
// Checks of what train_gbdt is given, each failure an InputError naming what and where.
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "sonic/ml/gbdt/params.hpp"

namespace sonic::ml::gbdt {

// Everything train_gbdt is given, settings included (those throw ml::InvalidArgument).
void check_training_inputs(const Eigen::MatrixXd& features, const Eigen::VectorXi& labels, const GbdtParams& params,
                           const Eigen::MatrixXd* validation_features, const Eigen::VectorXi* validation_labels);

// `what` names the matrix in messages ("training", "validation").
void check_features(const Eigen::MatrixXd& features, const std::string& what);
void check_labels(const Eigen::VectorXi& labels, Eigen::Index rows, int classes, const std::string& what);

// The given names, or defaults when empty; throws if the count is wrong or a name repeats.
std::vector<std::string> names_or_default(const std::vector<std::string>& names, std::size_t count,
                                          const std::string& prefix, const std::string& what);

}  // namespace sonic::ml::gbdt
