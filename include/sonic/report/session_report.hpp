#pragma once
// What `sonic train session` and `sonic predict session` print: one JSON object, or text for a
// person.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sonic/session/session_forecast.hpp"
#include "sonic/session/session_trainer.hpp"

namespace sonic::report {

struct SessionTrainingReport {
  const session::SessionTraining& training;
  std::string run_id;
  std::filesystem::path model_path;
  std::string time_zone;
};

struct SessionForecastReport {
  const std::vector<session::HourForecast>& hours;
  std::string model_id;
  std::string time_zone;
  std::int64_t from_ms;
};

nlohmann::json to_json(const SessionTrainingReport& report);
std::string to_text(const SessionTrainingReport& report);

nlohmann::json to_json(const SessionForecastReport& report);
std::string to_text(const SessionForecastReport& report);

}  // namespace sonic::report
