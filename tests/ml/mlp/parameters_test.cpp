#include "sonic/ml/mlp/parameters.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace sonic::ml {
namespace {

TEST(MlpParameters, LayOutAllWeightsThenAllBiases) {
  const MlpArchitecture architecture({3, 4, 2}, MlpOutput::softmax);
  EXPECT_EQ(architecture.weights_offset(0), 0);
  EXPECT_EQ(architecture.weights_offset(1), 12);
  EXPECT_EQ(architecture.weight_count(), 20);
  EXPECT_EQ(architecture.bias_offset(0), 20);
  EXPECT_EQ(architecture.bias_offset(1), 24);
  EXPECT_EQ(architecture.parameter_count(), 26);

  MlpParameters<float> parameters(architecture);
  parameters.weights(1)(1, 3) = 5.0f;  // column-major: row 1 of column 3
  parameters.bias(0)(2) = 7.0f;
  EXPECT_EQ(parameters.values()(12 + 3 * 2 + 1), 5.0f);
  EXPECT_EQ(parameters.values()(22), 7.0f);
}

TEST(MlpParameters, RejectsShapesThatCannotBeNetworks) {
  EXPECT_THROW(MlpArchitecture({3}, MlpOutput::linear), std::invalid_argument);
  EXPECT_THROW(MlpArchitecture({3, 0, 2}, MlpOutput::linear), std::invalid_argument);
  EXPECT_THROW(MlpArchitecture({3, 1}, MlpOutput::softmax), std::invalid_argument);
  EXPECT_NO_THROW(MlpArchitecture({3, 1}, MlpOutput::linear));
}

struct Moments {
  double mean = 0;
  double variance = 0;
  double largest = 0;
};

template <typename Values>
Moments moments(const Values& values) {
  const Eigen::ArrayXd x = values.template cast<double>().array();
  return {x.mean(), (x - x.mean()).square().mean(), x.abs().maxCoeff()};
}

TEST(MlpParameters, HeNormalHasVarianceTwoOverFanInAndZeroBiases) {
  const MlpArchitecture architecture({400, 500, 3}, MlpOutput::softmax);
  const auto parameters = initialized_parameters(architecture, MlpInitialization::he_normal, 1);
  const auto first = moments(parameters.weights(0).reshaped());
  EXPECT_NEAR(first.mean, 0.0, 0.001);
  EXPECT_NEAR(first.variance, 2.0 / 400, 0.02 * 2.0 / 400);  // 200,000 draws: ~0.3% sampling error
  EXPECT_NEAR(moments(parameters.weights(1).reshaped()).variance, 2.0 / 500, 0.1 * 2.0 / 500);
  EXPECT_TRUE(parameters.bias(0).isZero());
  EXPECT_TRUE(parameters.bias(1).isZero());
}

TEST(MlpParameters, TorchDefaultIsUniformWithinOneOverRootFanIn) {
  const MlpArchitecture architecture({400, 500, 3}, MlpOutput::softmax);
  const auto parameters = initialized_parameters(architecture, MlpInitialization::torch_default, 1);
  const auto weights = moments(parameters.weights(0).reshaped());
  EXPECT_NEAR(weights.variance, 1.0 / (3 * 400), 0.02 / (3 * 400));
  EXPECT_LE(weights.largest, 1.0 / 20);
  EXPECT_GT(weights.largest, 0.99 / 20);
  const auto biases = moments(parameters.bias(0));
  EXPECT_LE(biases.largest, 1.0 / 20);
  EXPECT_GT(biases.variance, 0.5 / (3 * 400));  // drawn, not zero
}

TEST(MlpParameters, InitialisationDependsOnTheSeedAlone) {
  const MlpArchitecture architecture({5, 7, 2}, MlpOutput::linear);
  for (const auto scheme : {MlpInitialization::torch_default, MlpInitialization::he_normal}) {
    const auto a = initialized_parameters(architecture, scheme, 9);
    EXPECT_EQ(a.values(), initialized_parameters(architecture, scheme, 9).values());
    EXPECT_NE(a.values(), initialized_parameters(architecture, scheme, 10).values());
  }
}

}  // namespace
}  // namespace sonic::ml
