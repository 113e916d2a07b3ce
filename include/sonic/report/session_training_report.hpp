#pragma once
// What `sonic train session` prints: one JSON object, or text for a person.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "sonic/session/session_trainer.hpp"

namespace sonic::report {

struct SessionTrainingResult {
  const session::SessionTraining& training;
  std::string run_id;
  std::filesystem::path model_path;
  std::string time_zone;
};

nlohmann::json to_json(const SessionTrainingResult& report);
std::string to_text(const SessionTrainingResult& report);

}  // namespace sonic::report
