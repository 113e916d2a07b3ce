#include "sonic/ml/mlp/adam.hpp"

#include <gtest/gtest.h>

namespace sonic::ml {
namespace {

// Two steps worked out with PyTorch's formula (lr 0.1, β 0.9/0.999, ε 1e-8):
//   step 1, g = (0.5, −0.1): the bias-corrected moments are g and g², so each parameter moves by
//           lr·sign(g): (1, −2) → (0.9, −1.9)
//   step 2, g = (0.5, 0.3): m = (0.095, 0.021), v = (0.00049975, 0.00009999)
//           → (0.8, −1.949419)
TEST(AdamOptimizer, FirstTwoStepsMatchHandComputation) {
  AdamOptimizer adam(2, AdamSettings{0.1, 0.9, 0.999, 1e-8});
  Eigen::VectorXf parameters(2);
  parameters << 1.0f, -2.0f;
  Eigen::VectorXf gradient(2);
  gradient << 0.5f, -0.1f;
  adam.next_step();
  adam.update(0, 2, parameters, gradient);
  EXPECT_NEAR(parameters(0), 0.9f, 1e-6f);
  EXPECT_NEAR(parameters(1), -1.9f, 1e-6f);

  gradient << 0.5f, 0.3f;
  adam.next_step();
  adam.update(0, 2, parameters, gradient);
  EXPECT_NEAR(parameters(0), 0.8f, 1e-6f);
  EXPECT_NEAR(parameters(1), -1.949419f, 1e-6f);
  EXPECT_EQ(adam.steps(), 2);
}

TEST(AdamOptimizer, UpdatingInRangesEqualsUpdatingAtOnce) {
  Eigen::VectorXf gradient = Eigen::VectorXf::LinSpaced(10, -1.0f, 2.0f);
  Eigen::VectorXf whole = Eigen::VectorXf::LinSpaced(10, 3.0f, -3.0f);
  Eigen::VectorXf pieces = whole;
  AdamOptimizer one(10, {});
  AdamOptimizer many(10, {});
  for (int step = 0; step < 3; ++step) {
    one.next_step();
    one.update(0, 10, whole, gradient);
    many.next_step();
    many.update(6, 10, pieces, gradient);
    many.update(0, 6, pieces, gradient);
    gradient = gradient.reverse().eval();
  }
  EXPECT_EQ(whole, pieces);
}

}  // namespace
}  // namespace sonic::ml
