#pragma once
// Small synthetic problems with known answers for the MLP tests.
#include <Eigen/Core>

#include <string>
#include <vector>

#include "sonic/core/random.hpp"

namespace sonic::ml::testing {

struct LabeledData {
  Eigen::MatrixXf features;  // one row per sample
  Eigen::VectorXi labels;
};

inline std::vector<std::string> names(const std::string& prefix, Eigen::Index count) {
  std::vector<std::string> result;
  for (Eigen::Index i = 0; i < count; ++i) result.push_back(prefix + std::to_string(i));
  return result;
}

inline Eigen::MatrixXf normal_features(Eigen::Index rows, Eigen::Index columns, SeededRandom& random) {
  Eigen::MatrixXf features(rows, columns);
  for (auto& x : features.reshaped()) x = static_cast<float>(random.normal());
  return features;
}

// Labels by which side of a fixed hyperplane a point lies, with the points nearer to it than
// `margin` pushed away: separable, so a model can be right on all of them.
inline LabeledData separable(Eigen::Index rows, std::uint64_t seed, float margin = 0.3f) {
  SeededRandom random(seed);
  LabeledData data{normal_features(rows, 5, random), Eigen::VectorXi(rows)};
  Eigen::VectorXf normal(5);
  normal << 1.0f, -2.0f, 0.5f, 0.0f, 1.5f;
  normal.normalize();
  for (Eigen::Index row = 0; row < rows; ++row) {
    const float side = data.features.row(row).dot(normal) - 0.2f;
    const float push = side >= 0 ? margin : -margin;
    data.features.row(row) += push * normal.transpose();
    data.labels(row) = side >= 0 ? 1 : 0;
  }
  return data;
}

// Labels unrelated to the features: all a model can do is memorise them.
inline LabeledData noise(Eigen::Index rows, Eigen::Index classes, std::uint64_t seed) {
  SeededRandom random(seed);
  LabeledData data{normal_features(rows, 6, random), Eigen::VectorXi(rows)};
  for (auto& label : data.labels) label = static_cast<int>(random.below(static_cast<std::size_t>(classes)));
  return data;
}

}  // namespace sonic::ml::testing
