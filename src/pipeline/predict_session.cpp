#include "sonic/pipeline/predict_session.hpp"

#include <spdlog/spdlog.h>

#include "sonic/core/utc_time.hpp"
#include "sonic/session/session_model_file.hpp"
#include "sonic/store/session_history_query.hpp"

namespace sonic::pipeline {

SessionPrediction predict_session(store::Database& db, const Home& home, const TimeZone& zone,
                                  const PredictSessionOptions& options) {
  const std::filesystem::path path = session::session_model_path(home);
  return predict_session(db, session::load_session_model(path), path, zone, options);
}

SessionPrediction predict_session(store::Database& db, const session::SessionModel& model,
                                  const std::filesystem::path& path, const TimeZone& zone,
                                  const PredictSessionOptions& options) {
  PredictSessionOptions at = options;
  at.at_ms = options.at_ms.value_or(now_utc_ms());
  return predict_session(store::read_session_history(db, *at.at_ms), model, path, zone, at);
}

SessionPrediction predict_session(const records::SessionHistory& history, const session::SessionModel& model,
                                  const std::filesystem::path& path, const TimeZone& zone,
                                  const PredictSessionOptions& options) {
  // The hour and weekday columns are local time: another zone shifts what the model learnt.
  const nlohmann::json& trained = model.gbdt.metadata();
  if (trained.contains("session") && trained["session"].value("time_zone", zone.name()) != zone.name()) {
    spdlog::warn("the session model learnt hours in {}, this forecast uses {}: pass --tz {} or retrain",
                 trained["session"]["time_zone"].get<std::string>(), zone.name(),
                 trained["session"]["time_zone"].get<std::string>());
  }
  const std::int64_t from_ms = options.at_ms.value_or(now_utc_ms());
  return {.model_id = model.info.model_id,
          .model_path = path,
          .time_zone = zone.name(),
          .from_ms = from_ms,
          .hours = session::forecast_session_starts(model.gbdt, history, zone, from_ms, options.forecast)};
}

}  // namespace sonic::pipeline
