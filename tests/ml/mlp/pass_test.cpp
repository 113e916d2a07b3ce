#include "ml/mlp/pass.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "ml/mlp/loss.hpp"
#include "sonic/core/random.hpp"

namespace sonic::ml {
namespace {

// A 2-2-2 network small enough to run by hand:
//   W1 = [1 −1; 0.5 2], b1 = (0, −1), W2 = [1 0.5; −1 1], b2 = (0.25, 0)
//   x = (1, 2):    z1 = (1−2, 0.5+4−1) = (−1, 3.5) → h = (0, 3.5)
//                  z2 = (0+1.75+0.25, 0+3.5) = (2, 3.5)
//   x = (−1, 0.5): z1 = (−1.5, −0.5) → h = (0, 0) → z2 = b2 = (0.25, 0)
// softmax(2, 3.5) = (1, e^1.5)/(1 + e^1.5) = (0.18242552, 0.81757448)
// softmax(0.25, 0) = (0.56217650, 0.43782350)
template <typename Scalar>
MlpParameters<Scalar> hand_network(MlpOutput output) {
  MlpParameters<Scalar> parameters(MlpArchitecture({2, 2, 2}, output));
  parameters.weights(0) << 1, -1, 0.5, 2;
  parameters.bias(0) << 0, -1;
  parameters.weights(1) << 1, 0.5, -1, 1;
  parameters.bias(1) << 0.25, 0;
  return parameters;
}

MlpMatrix<double> hand_inputs() {
  MlpMatrix<double> inputs(2, 2);
  inputs << 1, -1,  //
      2, 0.5;       // one column per sample
  return inputs;
}

TEST(MlpPass, SoftmaxForwardPassMatchesHandComputation) {
  const auto parameters = hand_network<double>(MlpOutput::softmax);
  MlpPass<double> pass(parameters.architecture(), 4);
  const MlpMatrix<double> probabilities = pass.forward(parameters, hand_inputs());
  ASSERT_EQ(probabilities.rows(), 2);
  ASSERT_EQ(probabilities.cols(), 2);
  EXPECT_NEAR(probabilities(0, 0), 0.18242552, 1e-8);
  EXPECT_NEAR(probabilities(1, 0), 0.81757448, 1e-8);
  EXPECT_NEAR(probabilities(0, 1), 0.56217650, 1e-8);
  EXPECT_NEAR(probabilities(1, 1), 0.43782350, 1e-8);
  EXPECT_DOUBLE_EQ(pass.logits()(0, 0), 2.0);
  EXPECT_DOUBLE_EQ(pass.logits()(1, 0), 3.5);

  // Cross-entropy for labels (1, 0): −log 0.81757448 − log 0.56217650.
  MlpMatrix<double> targets(2, 2);
  targets << 0, 1, 1, 0;
  EXPECT_NEAR(output_loss<double>(MlpOutput::softmax, pass.logits(), targets), 0.77735270, 1e-8);
}

TEST(MlpPass, LinearForwardPassAndSquaredErrorMatchHandComputation) {
  const auto parameters = hand_network<double>(MlpOutput::linear);
  MlpPass<double> pass(parameters.architecture(), 2);
  const MlpMatrix<double> values = pass.forward(parameters, hand_inputs());
  EXPECT_DOUBLE_EQ(values(0, 0), 2.0);
  EXPECT_DOUBLE_EQ(values(1, 0), 3.5);
  EXPECT_DOUBLE_EQ(values(0, 1), 0.25);
  EXPECT_DOUBLE_EQ(values(1, 1), 0.0);
  // Targets off by (1, −1) and (0.5, 0.5): per sample mean squared error 1 and 0.25.
  MlpMatrix<double> targets(2, 2);
  targets << 1, -0.25,  //
      4.5, -0.5;
  EXPECT_DOUBLE_EQ(output_loss<double>(MlpOutput::linear, pass.logits(), targets), 1.25);
}

TEST(MlpPass, FloatForwardPassMatchesHandComputationToo) {
  const auto parameters = hand_network<float>(MlpOutput::softmax);
  MlpPass<float> pass(parameters.architecture(), 2);
  const MlpMatrix<float> probabilities = pass.forward(parameters, hand_inputs().cast<float>());
  EXPECT_NEAR(probabilities(1, 0), 0.81757448f, 1e-6f);
  EXPECT_NEAR(probabilities(0, 1), 0.56217650f, 1e-6f);
}

TEST(MlpPass, ExtremeLogitsGiveFiniteProbabilitiesAndLoss) {
  auto parameters = hand_network<float>(MlpOutput::softmax);
  parameters.weights(1) *= 1000.0f;  // logits in the thousands: a naive exp overflows
  MlpPass<float> pass(parameters.architecture(), 2);
  const MlpMatrix<float> probabilities = pass.forward(parameters, hand_inputs().cast<float>());
  EXPECT_TRUE(probabilities.allFinite());
  EXPECT_NEAR(probabilities(1, 0), 1.0f, 1e-6f);
  MlpMatrix<float> wrong(2, 2);
  wrong << 1, 0, 0, 1;
  // Logits (1750.25, 3500) and (0.25, 0): confidently wrong on the first sample, costing
  // 3500 − 1750.25, not infinity; log(1 + e^0.25) = 0.8259394 on the second.
  const double loss = output_loss<float>(MlpOutput::softmax, pass.logits(), wrong);
  EXPECT_NEAR(loss, 1749.75 + 0.8259394, 1e-3);
}

TEST(MlpPass, DropoutZeroesAboutTheRateAndScalesTheSurvivors) {
  // One hidden layer of 1000 units fed a constant 1 through unit weights, read out by a
  // single-output layer that sums them: the output counts the surviving units × 1/(1 − rate).
  MlpParameters<double> parameters(MlpArchitecture({1, 1000, 1}, MlpOutput::linear));
  parameters.weights(0).setOnes();
  parameters.weights(1).setOnes();
  MlpPass<double> pass(parameters.architecture(), 1);
  const MlpMatrix<double> input = MlpMatrix<double>::Ones(1, 1);
  EXPECT_DOUBLE_EQ(pass.forward(parameters, input)(0, 0), 1000.0);

  SeededRandom random(3);
  const double dropped = pass.forward(parameters, input, Dropout{0.25, &random})(0, 0);
  const double survivors = dropped * 0.75;  // undo the 1/(1 − rate) scaling
  EXPECT_NEAR(survivors, std::round(survivors), 1e-9);
  EXPECT_NEAR(survivors, 750.0, 50.0);
  EXPECT_NE(survivors, 1000.0);
}

}  // namespace
}  // namespace sonic::ml
