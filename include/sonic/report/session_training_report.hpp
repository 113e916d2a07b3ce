#pragma once
// What `sonic train session` prints: one JSON object, or text for a person.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "sonic/session/session_trainer.hpp"

namespace sonic::report {

struct SessionTrainingReport {
  const session::SessionTraining& training;
  std::string run_id;
  std::filesystem::path model_path;
  std::string time_zone;
};

nlohmann::json to_json(const SessionTrainingReport& report);
std::string to_text(const SessionTrainingReport& report);

}  // namespace sonic::report
