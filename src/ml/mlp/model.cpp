#include "sonic/ml/mlp/model.hpp"

#include "ml/data/feature_checks.hpp"
#include "ml/mlp/pass.hpp"
#include "sonic/core/error.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace sonic::ml {
namespace {

// Samples per forward pass when predicting: big enough for efficient products, small enough
// that the activations stay in cache.
constexpr Eigen::Index kPredictionBlock = 1024;

}  // namespace

MlpModel::MlpModel(MlpParameters<float> parameters, FeatureStandardizer standardizer,
                   std::vector<std::string> feature_names, std::vector<std::string> output_names,
                   nlohmann::json training_info)
    : parameters_(std::move(parameters)),
      standardizer_(std::move(standardizer)),
      feature_names_(std::move(feature_names)),
      output_names_(std::move(output_names)),
      training_info_(std::move(training_info)) {
  const auto& shape = architecture();
  if (standardizer_.features() != shape.inputs() ||
      static_cast<Eigen::Index>(feature_names_.size()) != shape.inputs()) {
    throw std::invalid_argument("MLP model: standardizer and feature names must match the input width");
  }
  if (static_cast<Eigen::Index>(output_names_.size()) != shape.outputs()) {
    throw std::invalid_argument("MLP model: one output name per output unit");
  }
  if (!training_info_.is_object()) throw std::invalid_argument("MLP model: training info must be a JSON object");
}

Eigen::MatrixXf MlpModel::outputs(const Eigen::Ref<const Eigen::MatrixXf>& features) const {
  require_finite_features(features, feature_names_, "features to predict from");
  const Eigen::MatrixXf inputs = standardizer_.to_columns(features);
  Eigen::MatrixXf result(features.rows(), architecture().outputs());
  MlpPass<float> pass(architecture(), std::clamp<Eigen::Index>(inputs.cols(), 1, kPredictionBlock));
  for (Eigen::Index start = 0; start < inputs.cols(); start += kPredictionBlock) {
    const auto count = std::min(kPredictionBlock, inputs.cols() - start);
    result.middleRows(start, count) = pass.forward(parameters_, inputs.middleCols(start, count)).transpose();
  }
  return result;
}

void MlpModel::require_output(MlpOutput expected, const char* method) const {
  if (output() == expected) return;
  throw InputError(std::string(method) + " needs a " + std::string(mlp_output_name(expected)) +
                   " model; this one has a " + std::string(mlp_output_name(output())) + " output");
}

Eigen::MatrixXf MlpModel::predict_proba(const Eigen::Ref<const Eigen::MatrixXf>& features) const {
  require_output(MlpOutput::softmax, "predict_proba");
  return outputs(features);
}

Eigen::VectorXi MlpModel::predict(const Eigen::Ref<const Eigen::MatrixXf>& features) const {
  require_output(MlpOutput::softmax, "predict");
  return most_probable_classes(outputs(features));
}

Eigen::VectorXi most_probable_classes(const Eigen::Ref<const Eigen::MatrixXf>& probabilities) {
  Eigen::VectorXi classes(probabilities.rows());
  for (Eigen::Index row = 0; row < probabilities.rows(); ++row) {
    Eigen::Index best = 0;
    probabilities.row(row).maxCoeff(&best);
    classes(row) = static_cast<int>(best);
  }
  return classes;
}

Eigen::MatrixXf MlpModel::predict_values(const Eigen::Ref<const Eigen::MatrixXf>& features) const {
  require_output(MlpOutput::linear, "predict_values");
  return outputs(features);
}

}  // namespace sonic::ml
