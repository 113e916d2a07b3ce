#pragma once
// `sonic retrain`, the nightly pipeline: re-cluster, retrain the mood models and the session
// model, compute drift and the narrative (summarize), write the dashboard JSON and the HTML report — each step timed,
// its figures kept, and its failure recorded without stopping the steps that do not need it. Every model is written
// only by its own step, at its end, atomically: a failed step leaves the previous model in place.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sonic/core/error.hpp"
#include "sonic/core/home.hpp"
#include "sonic/core/time_zone.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

struct RetrainOptions {
  std::optional<std::filesystem::path> mood_labels;  // the labelled CSV for the mood net
  bool impute_artist = false;
  std::uint64_t seed = 42;
  int threads = 0;
  int session_window_days = 90;
  bool offline_narrator = false;                    // else OPENAI_* decides, as for sonic summarize
  std::optional<std::filesystem::path> report_dir;  // default: home.reports()
};

enum class StepOutcome { done, failed, skipped };

struct RetrainStep {
  std::string name;
  StepOutcome outcome = StepOutcome::done;
  double seconds = 0;
  nlohmann::json figures = nlohmann::json::object();  // the step's headline metrics
  std::string message;                                // why it failed or was skipped
  ExitCode exit = ExitCode::ok;
};

struct RetrainReport {
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
  explicit StepRunner(RetrainReport& report) : report_(report) {}
  // `body` returns the step's figures; a throw marks it failed. Returns whether it succeeded.
  bool run(const std::string& name, const std::vector<std::string>& needs, const std::function<nlohmann::json()>& body);
  void skip(const std::string& name, const std::string& why);

 private:
  RetrainReport& report_;
};

RetrainReport retrain(store::Database& db, const Home& home, const TimeZone& zone, const RetrainOptions& options);

}  // namespace sonic::pipeline
