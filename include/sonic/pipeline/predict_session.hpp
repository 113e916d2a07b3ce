#pragma once
// `sonic predict session`: the saved session model and the store's history → the chance of a
// session start in each coming local hour, with reasons for the likeliest.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sonic/core/home.hpp"
#include "sonic/core/time_zone.hpp"
#include "sonic/records/session_history.hpp"
#include "sonic/session/session_forecast.hpp"
#include "sonic/session/session_model_file.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

struct PredictSessionOptions {
  session::ForecastOptions forecast;
  std::optional<std::int64_t> at_ms;  // forecast as if it were this instant (default: now)
};

struct SessionPrediction {
  std::string model_id;  // the training run's id
  std::filesystem::path model_path;
  std::string time_zone;
  std::int64_t from_ms = 0;
  std::vector<session::HourForecast> hours;
};

// Throws InputError when there is no model (naming `sonic train session`) or it is unreadable.
SessionPrediction predict_session(store::Database& db, const Home& home, const TimeZone& zone,
                                  const PredictSessionOptions& options);
// The same with the model already loaded from `path` (`sonic serve` keeps one).
SessionPrediction predict_session(store::Database& db, const session::SessionModel& model,
                                  const std::filesystem::path& path, const TimeZone& zone,
                                  const PredictSessionOptions& options);
// The same from a history already read (store::read_session_history, at or after the forecast's
// start: what follows it is ignored); `sonic serve` keeps the store's whole history between
// requests.
SessionPrediction predict_session(const records::SessionHistory& history, const session::SessionModel& model,
                                  const std::filesystem::path& path, const TimeZone& zone,
                                  const PredictSessionOptions& options);

}  // namespace sonic::pipeline
