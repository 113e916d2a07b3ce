// retrain's step runner: a failed step keeps the exit status its error means.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <stdexcept>

#include "sonic/core/error.hpp"
#include "sonic/ml/common/invalid_argument.hpp"
#include "sonic/pipeline/retrain.hpp"

namespace sonic::pipeline {
namespace {

TEST(RetrainSteps, AnOptionMlRefusesFailsTheStepAsBadUsage) {
  RetrainResult report;
  StepRunner steps(report);
  EXPECT_FALSE(steps.run("cluster", {}, []() -> nlohmann::json {
    throw ml::InvalidArgument("choosing K: need 2 ≤ k_min ≤ k_max, got 6 … 4");
  }));
  ASSERT_EQ(report.steps.size(), 1u);
  EXPECT_EQ(report.steps[0].outcome, StepOutcome::failed);
  EXPECT_EQ(report.steps[0].message, "choosing K: need 2 ≤ k_min ≤ k_max, got 6 … 4");
  EXPECT_EQ(report.exit_code(), ExitCode::usage);
}

TEST(RetrainSteps, OtherFailuresKeepTheirStatus) {
  RetrainResult report;
  StepRunner steps(report);
  steps.run("mood-net", {}, []() -> nlohmann::json { throw InputError("labels.csv: no rows"); });
  steps.run("predict-mood", {}, []() -> nlohmann::json { throw std::runtime_error("boom"); });
  ASSERT_EQ(report.steps.size(), 2u);
  EXPECT_EQ(report.steps[0].exit, ExitCode::bad_input);
  EXPECT_EQ(report.steps[1].exit, ExitCode::unexpected);
  EXPECT_EQ(report.exit_code(), ExitCode::bad_input);
}

}  // namespace
}  // namespace sonic::pipeline
