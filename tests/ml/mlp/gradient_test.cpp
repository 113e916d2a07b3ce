// Backpropagation checked against central finite differences of the loss, parameter by
// parameter, in double precision so that the tolerance can be tight: a wrong factor, a missed
// term or a transposed product anywhere shows up as a difference of order one.
#include <gtest/gtest.h>

#include <cmath>
#include <optional>

#include "ml/mlp/loss.hpp"
#include "ml/mlp/pass.hpp"
#include "sonic/core/random.hpp"

namespace sonic::ml {
namespace {

using Matrix = MlpMatrix<double>;

struct Problem {
  MlpParameters<double> parameters;
  Matrix inputs;
  Matrix targets;
};

// Random weights and biases (non-zero biases, so ReLUs switch on and off across samples).
Problem make_problem(MlpOutput output, Eigen::Index outputs) {
  const MlpArchitecture architecture({3, 5, 4, outputs}, output);
  Problem problem{initialized_parameters(architecture, MlpInitialization::he_normal, 7).cast<double>(), Matrix(3, 6),
                  Matrix::Zero(outputs, 6)};
  SeededRandom random(11);
  for (int layer = 0; layer < architecture.layer_count(); ++layer) {
    for (auto& b : problem.parameters.bias(layer)) b = random.uniform(-0.5, 0.5);
  }
  for (auto& x : problem.inputs.reshaped()) x = random.normal();
  for (Eigen::Index sample = 0; sample < problem.targets.cols(); ++sample) {
    if (output == MlpOutput::softmax) {
      problem.targets(static_cast<Eigen::Index>(random.below(static_cast<std::size_t>(outputs))), sample) = 1;
    } else {
      for (auto& y : problem.targets.col(sample)) y = random.normal();
    }
  }
  return problem;
}

// The training objective for one batch: mean loss plus weight decay. A dropout seed fixes the
// masks, so the objective is a smooth function of the parameters that finite differences see.
double objective(const Problem& problem, const MlpParameters<double>& parameters, double l2,
                 std::optional<std::uint64_t> dropout_seed) {
  MlpPass<double> pass(parameters.architecture(), problem.inputs.cols());
  std::optional<SeededRandom> random;
  if (dropout_seed) random.emplace(*dropout_seed);
  pass.forward(parameters, problem.inputs, Dropout{random ? 0.3 : 0.0, random ? &*random : nullptr});
  const auto samples = static_cast<double>(problem.inputs.cols());
  return output_loss<double>(parameters.architecture().output(), pass.logits(), problem.targets) / samples +
         weight_decay_penalty(parameters, l2);
}

void expect_gradient_matches_finite_differences(const Problem& problem, double l2,
                                                std::optional<std::uint64_t> dropout_seed = std::nullopt) {
  const auto& architecture = problem.parameters.architecture();
  MlpPass<double> pass(architecture, problem.inputs.cols());
  MlpParameters<double> gradient(architecture);
  std::optional<SeededRandom> random;
  if (dropout_seed) random.emplace(*dropout_seed);
  const double samples = static_cast<double>(problem.inputs.cols());
  const double loss = pass.loss_and_gradient(problem.parameters, problem.inputs, problem.targets, 1.0 / samples,
                                             Dropout{random ? 0.3 : 0.0, random ? &*random : nullptr}, gradient);
  add_weight_decay_gradient(problem.parameters, l2, 0, architecture.parameter_count(), gradient);
  EXPECT_NEAR(loss / samples + weight_decay_penalty(problem.parameters, l2),
              objective(problem, problem.parameters, l2, dropout_seed), 1e-12);

  constexpr double kStep = 1e-6;
  for (Eigen::Index i = 0; i < architecture.parameter_count(); ++i) {
    auto shifted = problem.parameters;
    shifted.values()(i) += kStep;
    const double up = objective(problem, shifted, l2, dropout_seed);
    shifted.values()(i) -= 2 * kStep;
    const double down = objective(problem, shifted, l2, dropout_seed);
    const double numeric = (up - down) / (2 * kStep);
    EXPECT_NEAR(gradient.values()(i), numeric, 1e-7 + 1e-6 * std::abs(numeric))
        << "parameter " << i << " of " << architecture.parameter_count();
  }
}

TEST(MlpGradient, SoftmaxCrossEntropyMatchesFiniteDifferences) {
  expect_gradient_matches_finite_differences(make_problem(MlpOutput::softmax, 3), 0.0);
}

TEST(MlpGradient, SoftmaxCrossEntropyWithWeightDecayMatchesFiniteDifferences) {
  expect_gradient_matches_finite_differences(make_problem(MlpOutput::softmax, 3), 0.05);
}

TEST(MlpGradient, LinearSquaredErrorWithWeightDecayMatchesFiniteDifferences) {
  expect_gradient_matches_finite_differences(make_problem(MlpOutput::linear, 2), 0.05);
}

TEST(MlpGradient, WithDropoutMasksFixedMatchesFiniteDifferences) {
  expect_gradient_matches_finite_differences(make_problem(MlpOutput::softmax, 3), 0.01, 99);
  expect_gradient_matches_finite_differences(make_problem(MlpOutput::linear, 2), 0.0, 5);
}

TEST(MlpGradient, WeightDecaySparesTheBiases) {
  auto problem = make_problem(MlpOutput::linear, 2);
  const auto& architecture = problem.parameters.architecture();
  MlpParameters<double> gradient(architecture);
  add_weight_decay_gradient(problem.parameters, 0.5, 0, architecture.parameter_count(), gradient);
  const auto weights = architecture.weight_count();
  EXPECT_TRUE(gradient.values().head(weights).isApprox(0.5 * problem.parameters.values().head(weights)));
  EXPECT_TRUE(gradient.values().tail(architecture.parameter_count() - weights).isZero());
}

TEST(MlpGradient, FloatPassAgreesWithDoublePass) {
  const auto problem = make_problem(MlpOutput::softmax, 3);
  const auto& architecture = problem.parameters.architecture();
  MlpPass<double> exact(architecture, 6);
  MlpPass<float> fast(architecture, 6);
  MlpParameters<double> exact_gradient(architecture);
  MlpParameters<float> fast_gradient(architecture);
  const double exact_loss =
      exact.loss_and_gradient(problem.parameters, problem.inputs, problem.targets, 1.0, {}, exact_gradient);
  const double fast_loss = fast.loss_and_gradient(problem.parameters.cast<float>(), problem.inputs.cast<float>(),
                                                  problem.targets.cast<float>(), 1.0f, {}, fast_gradient);
  EXPECT_NEAR(fast_loss, exact_loss, 1e-5 * exact_loss);
  EXPECT_LT((fast_gradient.values().cast<double>() - exact_gradient.values()).cwiseAbs().maxCoeff(), 1e-5);
}

}  // namespace
}  // namespace sonic::ml
