#include "sonic/pipeline/train_session.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <limits>

#include "sonic/session/session_model_file.hpp"
#include "sonic/store/session_history_query.hpp"
#include "sonic/tracking/mlflow_store.hpp"

namespace sonic::pipeline {
namespace {

std::string text_of(const nlohmann::json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

void log_training(tracking::TrackedRun& run, const session::SessionTraining& training,
                  const session::SessionTrainingOptions& options, const TimeZone& zone) {
  run.log_param("window_days", std::to_string(options.window_days));
  run.log_param("recency_half_life_days", fmt::format("{:g}", training.recency_half_life_days));
  run.log_param("time_zone", zone.name());
  run.log_param("fit_hours", std::to_string(training.split.fit));
  run.log_param("validation_hours", std::to_string(training.split.validation));
  run.log_param("test_hours", std::to_string(training.split.test));
  const nlohmann::json params = ml::to_json(training.params);
  for (const auto& [key, value] : params.items()) run.log_param(key, text_of(value));
  for (std::size_t round = 0; round < training.validation_loss.size(); ++round) {
    run.log_metric("validation_log_loss", training.validation_loss[round], static_cast<std::int64_t>(round));
  }
  const nlohmann::json metrics = session::session_metrics(training);
  for (const auto& [key, value] : metrics.items()) {
    run.log_metric(key, value.get<double>());
  }
  run.set_tag("sonic.model", std::string(session::kSessionStart.name));
  run.set_tag("sonic.features", nlohmann::json(features::session_feature_names()).dump());
}

}  // namespace

TrainSessionResult train_session(store::Database& db, const Home& home, const TimeZone& zone,
                                 const session::SessionTrainingOptions& options) {
  const records::SessionHistory history = store::read_session_history(db, std::numeric_limits<std::int64_t>::max());
  const session::SessionWindow window = session::choose_session_window(history, zone, options.window_days);
  spdlog::info("session model: {} hours from the last {:.0f} days, in {}", window.hour_starts_ms.size(), window.days(),
               zone.name());

  auto run = tracking::TrackedRun::start(
      home.runs(), std::string(session::kSessionStart.experiment),
      {.seed = options.seed, .window_from_ms = window.from_ms, .window_to_ms = window.to_ms});
  TrainSessionResult result{.training = session::train_session_model(history, zone, window, options),
                            .run_id = run.run_id(),
                            .model_path = session::session_model_path(home),
                            .time_zone = zone.name()};
  log_training(run, result.training, options, zone);
  session::save_session_model(result.model_path, result.training, run.run_id(), options.seed);
  run.log_artifact(result.model_path);
  run.finish();
  spdlog::info("session model: ROC-AUC {:.3f} on the held-out hours (hour-of-week baseline {:.3f}), saved to {}",
               result.training.evaluation.model.roc_auc, result.training.evaluation.hour_of_week.roc_auc,
               result.model_path.string());
  return result;
}

}  // namespace sonic::pipeline
