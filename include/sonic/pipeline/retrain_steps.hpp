#pragma once
// The steps of `sonic retrain` and their runner: each step timed, its figures kept, its failure
// recorded without stopping the steps that do not need it.
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sonic/core/error.hpp"

namespace sonic::pipeline {

enum class StepOutcome { done, failed, skipped };

struct RetrainStep {
  std::string name;
  StepOutcome outcome = StepOutcome::done;
  double seconds = 0;
  nlohmann::json figures = nlohmann::json::object();  // the step's headline metrics
  std::string message;                                // why it failed or was skipped
  ExitCode exit = ExitCode::ok;
};

struct RetrainResult {
  std::vector<RetrainStep> steps;
  double seconds = 0;

  bool ok() const;
  ExitCode exit_code() const;  // the first failed step's; ok when none failed
  const RetrainStep* step(const std::string& name) const;
  nlohmann::json to_json() const;
  std::string to_text() const;
};

// Runs steps in order: each one runs unless a step it needs failed (then it is skipped).
class StepRunner {
 public:
  explicit StepRunner(RetrainResult& report) : report_(report) {}
  // `body` returns the step's figures; a throw marks it failed. Returns whether it succeeded.
  bool run(const std::string& name, const std::vector<std::string>& needs, const std::function<nlohmann::json()>& body);
  void skip(const std::string& name, const std::string& why);

 private:
  RetrainResult& report_;
};

}  // namespace sonic::pipeline
