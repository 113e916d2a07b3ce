#pragma once
// Input standardisation: every feature shifted by its mean and divided by its standard deviation
// (population, as numpy's std), both fitted on the training rows only and stored in the model,
// so that predictions see inputs on the scale the network was trained on. A feature that does
// not vary in training keeps scale 1: dividing by ~0 would turn any later variation into huge
// inputs.
#include <Eigen/Core>

#include <span>

namespace sonic::ml {

class FeatureStandardizer {
 public:
  using Features = Eigen::Ref<const Eigen::MatrixXf>;  // one row per sample

  // Sizes must agree and every scale be positive and finite (std::invalid_argument otherwise).
  FeatureStandardizer(Eigen::VectorXf mean, Eigen::VectorXf scale);

  // Mean 0, scale 1: inputs pass through unchanged.
  static FeatureStandardizer identity(Eigen::Index features);

  // Fitted on `rows` of `features`, or on every row.
  static FeatureStandardizer fit(const Features& features, std::span<const Eigen::Index> rows);
  static FeatureStandardizer fit(const Features& features);

  Eigen::Index features() const { return mean_.size(); }
  const Eigen::VectorXf& mean() const { return mean_; }
  const Eigen::VectorXf& scale() const { return scale_; }

  // (x − mean) / scale for `rows` of `features` (or all of them), transposed to one column per
  // sample: the layout the network runs on.
  Eigen::MatrixXf to_columns(const Features& features, std::span<const Eigen::Index> rows) const;
  Eigen::MatrixXf to_columns(const Features& features) const;

 private:
  Eigen::VectorXf mean_;
  Eigen::VectorXf scale_;
};

}  // namespace sonic::ml
