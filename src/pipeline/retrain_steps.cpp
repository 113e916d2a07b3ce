// The step runner and report of `sonic retrain`.
#include "sonic/pipeline/retrain_steps.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "sonic/ml/common/invalid_argument.hpp"

namespace sonic::pipeline {
namespace {

const char* outcome_name(StepOutcome outcome) {
  switch (outcome) {
    case StepOutcome::done:
      return "done";
    case StepOutcome::failed:
      return "failed";
    case StepOutcome::skipped:
      return "skipped";
  }
  return "?";
}

// "k=5 cv_accuracy=0.813" from a step's figures: numbers and short strings only.
std::string figures_line(const nlohmann::json& figures) {
  std::string line;
  for (const auto& [key, value] : figures.items()) {
    std::string text;
    if (value.is_number_integer())
      text = std::to_string(value.get<std::int64_t>());
    else if (value.is_number())
      text = fmt::format("{:.3f}", value.get<double>());
    else if (value.is_string() && value.get<std::string>().size() <= 24)
      text = value.get<std::string>();
    else
      continue;
    if (!line.empty()) line += ' ';
    line += key;
    line += '=';
    line += text;
  }
  return line;
}

}  // namespace

bool StepRunner::run(const std::string& name, const std::vector<std::string>& needs,
                     const std::function<nlohmann::json()>& body) {
  for (const auto& need : needs) {
    const auto* earlier = report_.step(need);
    if (earlier && earlier->outcome != StepOutcome::done) {
      skip(name, "needs " + need + ", which " + outcome_name(earlier->outcome));
      return false;
    }
  }
  RetrainStep step;
  step.name = name;
  const auto started = std::chrono::steady_clock::now();
  spdlog::info("retrain: {}", name);
  try {
    step.figures = body();
  } catch (const Error& error) {
    step.outcome = StepOutcome::failed;
    step.message = error.what();
    step.exit = error.code();
  } catch (const ml::InvalidArgument& error) {  // an option ml/ refuses: bad usage, as in main
    step.outcome = StepOutcome::failed;
    step.message = error.what();
    step.exit = ExitCode::usage;
  } catch (const std::exception& error) {
    step.outcome = StepOutcome::failed;
    step.message = error.what();
    step.exit = ExitCode::unexpected;
  }
  step.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (step.outcome == StepOutcome::failed) spdlog::error("retrain: {} failed: {}", name, step.message);
  report_.steps.push_back(std::move(step));
  return report_.steps.back().outcome == StepOutcome::done;
}

void StepRunner::skip(const std::string& name, const std::string& why) {
  RetrainStep step;
  step.name = name;
  step.outcome = StepOutcome::skipped;
  step.message = why;
  spdlog::warn("retrain: {} skipped: {}", name, why);
  report_.steps.push_back(std::move(step));
}

bool RetrainResult::ok() const { return exit_code() == ExitCode::ok; }

ExitCode RetrainResult::exit_code() const {
  for (const auto& step : steps) {
    if (step.outcome == StepOutcome::failed) return step.exit == ExitCode::ok ? ExitCode::unexpected : step.exit;
  }
  return ExitCode::ok;
}

const RetrainStep* RetrainResult::step(const std::string& name) const {
  for (const auto& step : steps) {
    if (step.name == name) return &step;
  }
  return nullptr;
}

nlohmann::json RetrainResult::to_json() const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& step : steps) {
    nlohmann::json entry = {{"name", step.name},
                            {"outcome", outcome_name(step.outcome)},
                            {"seconds", step.seconds},
                            {"figures", step.figures}};
    if (!step.message.empty()) entry["message"] = step.message;
    list.push_back(entry);
  }
  return {{"ok", ok()}, {"seconds", seconds}, {"steps", list}};
}

std::string RetrainResult::to_text() const {
  std::string text;
  for (const auto& step : steps) {
    const char* mark = step.outcome == StepOutcome::done     ? "ok  "
                       : step.outcome == StepOutcome::failed ? "FAIL"
                                                             : "skip";
    text += fmt::format("{} {:<12} {:>7.2f} s  {}\n", mark, step.name, step.seconds,
                        step.outcome == StepOutcome::done ? figures_line(step.figures) : step.message);
  }
  text += fmt::format("{} in {:.2f} s\n", ok() ? "Retrained" : "Retrain finished with failures", seconds);
  return text;
}

}  // namespace sonic::pipeline
