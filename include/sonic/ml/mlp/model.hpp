#pragma once
// A trained feedforward network with everything needed to use it on new data: its weights, the
// standardisation fitted on its training data, the names of its inputs and outputs, and an open
// record of how it was trained. Feature matrices have one row per sample.
#include "sonic/ml/data/feature_standardizer.hpp"
#include "sonic/ml/mlp/parameters.hpp"

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sonic::ml {

class MlpModel {
 public:
  // The standardizer and names must match the architecture's widths (std::invalid_argument
  // otherwise: model files are checked with InputError before they get here).
  MlpModel(MlpParameters<float> parameters, FeatureStandardizer standardizer, std::vector<std::string> feature_names,
           std::vector<std::string> output_names, nlohmann::json training_info = nlohmann::json::object());

  const MlpArchitecture& architecture() const { return parameters_.architecture(); }
  MlpOutput output() const { return architecture().output(); }
  const MlpParameters<float>& parameters() const { return parameters_; }
  const FeatureStandardizer& standardizer() const { return standardizer_; }
  const std::vector<std::string>& feature_names() const { return feature_names_; }
  // Class names for a softmax model, target names for a linear one.
  const std::vector<std::string>& output_names() const { return output_names_; }
  // Seed, options, epochs, metrics… (an object; callers may add their own keys).
  const nlohmann::json& training_info() const { return training_info_; }
  nlohmann::json& training_info() { return training_info_; }

  // Each takes raw (unstandardised) features, one row per sample, in feature_names() order; a
  // wrong width or a NaN/infinite value is an InputError naming the row and feature. Asking a
  // classifier for values or a regressor for classes is an InputError too.
  using Features = Eigen::Ref<const Eigen::MatrixXf>;
  Eigen::MatrixXf predict_proba(const Features& features) const;   // samples × classes
  Eigen::VectorXi predict(const Features& features) const;         // most probable class
  Eigen::MatrixXf predict_values(const Features& features) const;  // samples × outputs

 private:
  Eigen::MatrixXf outputs(const Features& features) const;
  void require_output(MlpOutput expected, const char* method) const;

  MlpParameters<float> parameters_;
  FeatureStandardizer standardizer_;
  std::vector<std::string> feature_names_;
  std::vector<std::string> output_names_;
  nlohmann::json training_info_;
};

// Each row's most probable class (the first on a tie), from probabilities of samples × classes.
Eigen::VectorXi most_probable_classes(const Eigen::Ref<const Eigen::MatrixXf>& probabilities);

}  // namespace sonic::ml
