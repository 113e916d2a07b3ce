#pragma once
// What `sonic predict session` prints: one JSON object, or text for a person.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sonic/session/session_forecast.hpp"

namespace sonic::report {

struct SessionForecastResult {
  const std::vector<session::HourForecast>& hours;
  std::string model_id;
  std::string time_zone;
  std::int64_t from_ms;
};

nlohmann::json to_json(const SessionForecastResult& report);
std::string to_text(const SessionForecastResult& report);

}  // namespace sonic::report
