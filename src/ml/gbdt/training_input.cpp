#include "ml/gbdt/training_input.hpp"

#include <cmath>
#include <cstdint>
#include <set>

#include "sonic/core/error.hpp"

namespace sonic::ml::gbdt {

void check_features(const Eigen::MatrixXd& features, const std::string& what) {
  if (features.rows() == 0 || features.cols() == 0) {
    throw InputError("gbdt " + what + " features are empty (" + std::to_string(features.rows()) + " rows, " +
                     std::to_string(features.cols()) + " columns)");
  }
  if (static_cast<std::uint64_t>(features.rows()) > UINT32_MAX) {
    throw InputError("gbdt " + what + " features have more than 2^32 rows");
  }
  // NaN means missing; an infinity would fall beyond every bin and is refused instead.
  for (Eigen::Index c = 0; c < features.cols(); ++c) {
    for (Eigen::Index r = 0; r < features.rows(); ++r) {
      if (std::isinf(features(r, c))) {
        throw InputError("gbdt " + what + " features: row " + std::to_string(r) + ", column " + std::to_string(c) +
                         " is infinite (use NaN for a missing value)");
      }
    }
  }
}

void check_labels(const Eigen::VectorXi& labels, Eigen::Index rows, int classes, const std::string& what) {
  if (labels.size() != rows) {
    throw InputError("gbdt " + what + " has " + std::to_string(rows) + " feature rows but " +
                     std::to_string(labels.size()) + " labels");
  }
  for (Eigen::Index r = 0; r < labels.size(); ++r) {
    if (labels[r] < 0 || labels[r] >= classes) {
      throw InputError("gbdt " + what + " label at row " + std::to_string(r) + " is " + std::to_string(labels[r]) +
                       ", expected 0.." + std::to_string(classes - 1));
    }
  }
}

void check_training_inputs(const Eigen::MatrixXd& features, const Eigen::VectorXi& labels, const GbdtParams& params,
                           const Eigen::MatrixXd* validation_features, const Eigen::VectorXi* validation_labels) {
  validate(params);
  const int classes = params.objective == GbdtObjective::binary_logistic ? 2 : params.num_classes;
  check_features(features, "training");
  check_labels(labels, features.rows(), classes, "training data");
  if (validation_features == nullptr) return;
  check_features(*validation_features, "validation");
  if (validation_features->cols() != features.cols()) {
    throw InputError("gbdt validation features have " + std::to_string(validation_features->cols()) +
                     " columns, training features " + std::to_string(features.cols()));
  }
  check_labels(*validation_labels, validation_features->rows(), classes, "validation data");
}

std::vector<std::string> names_or_default(const std::vector<std::string>& names, std::size_t count,
                                          const std::string& prefix, const std::string& what) {
  if (names.empty()) {
    std::vector<std::string> defaults;
    for (std::size_t i = 0; i < count; ++i) defaults.push_back(prefix + std::to_string(i));
    return defaults;
  }
  if (names.size() != count) {
    throw InputError("gbdt: " + std::to_string(names.size()) + " " + what + " names for " + std::to_string(count) +
                     " " + what + "s");
  }
  std::set<std::string> seen;
  for (const std::string& name : names) {
    if (!seen.insert(name).second) throw InputError("gbdt: " + what + " name '" + name + "' repeats");
  }
  return names;
}

}  // namespace sonic::ml::gbdt
