#include "sonic/session/session_model_file.hpp"

#include "sonic/ml/gbdt/model_json.hpp"

namespace sonic::session {

std::filesystem::path session_model_path(const Home& home) { return session::kSessionStart.path(home); }

nlohmann::json session_metrics(const SessionTraining& training) {
  nlohmann::json metrics = nlohmann::json::object();
  const std::pair<const char*, const SessionScores*> scored[] = {
      {"", &training.evaluation.model},
      {"hour_of_week_", &training.evaluation.hour_of_week},
      {"hour_of_week_all_", &training.evaluation.hour_of_week_all},
      {"always_no_", &training.evaluation.always_no}};
  for (const auto& [prefix, scores] : scored) {
    const nlohmann::json values = to_json(*scores);
    for (const auto& [key, value] : values.items()) metrics[prefix + key] = value;
  }
  metrics["best_round"] = training.best_round;
  metrics["test_hours"] = training.split.test;
  metrics["test_start_hours"] = training.test_positives;
  return metrics;
}

void save_session_model(const std::filesystem::path& path, const SessionTraining& training, const std::string& model_id,
                        std::uint64_t seed) {
  tracking::ModelFileInfo info;
  info.format = session::kSessionStart.format;
  info.version = session::kSessionStart.version;
  info.model_id = model_id;
  info.feature_names = features::session_feature_names();
  info.seed = seed;
  info.window_from_ms = training.window.from_ms;
  info.window_to_ms = training.window.to_ms;
  info.metrics = session_metrics(training);
  tracking::save_model_file(path, info, ml::gbdt_to_json(training.model));
}

SessionModel load_session_model(const std::filesystem::path& path) {
  const tracking::ModelFile file =
      tracking::load_model_file(path, session::kSessionStart.format, session::kSessionStart.version,
                                "train one first with `" + std::string(session::kSessionStart.make_command) + "`");
  const auto& expected = features::session_feature_names();
  return tracking::reading_model_file(path, [&] {
    file.reader().require_feature_names(file.info.feature_names, expected);
    return SessionModel{.info = file.info, .gbdt = ml::gbdt_from_json(file.model(), expected)};
  });
}

}  // namespace sonic::session
