#pragma once
// `sonic train next-mood` and `sonic predict next-mood`: which mood cluster the next track of a
// session will be in, learnt from the person's own sessions.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "sonic/core/home.hpp"
#include "sonic/core/time_zone.hpp"
#include "sonic/mood/next_mood.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

struct TrainNextMoodOptions {
  ml::MlpOptions mlp = mood::next_mood_net_defaults();
};

struct TrainNextMoodReport {
  std::vector<std::string> cluster_labels;
  mood::NextMoodEvaluation evaluation;
  int epochs = 0;
  int best_epoch = 0;
  std::int64_t data_from_ms = 0, data_to_ms = 0;
  std::string run_id;
  std::filesystem::path model_path;
  double seconds = 0;
};

// Needs `sonic cluster` first. Saves home.models()/next_mood.json and records the run ("next-mood").
TrainNextMoodReport train_next_mood(store::Database& db, const Home& home, const TimeZone& zone,
                                    const TrainNextMoodOptions& options);

struct NextMoodPrediction {
  std::int64_t session_start_ms = 0;
  std::int64_t last_listen_ms = 0;
  std::string last_track;
  std::string current_label;
  std::vector<std::pair<std::string, double>> probabilities;  // by cluster label, likeliest first
};

// For the latest session (the one holding the newest clustered listen).
NextMoodPrediction predict_next_mood(store::Database& db, const Home& home, const TimeZone& zone);

// The loaded clustering must be the one the model was trained on (InputError otherwise).
std::vector<std::string> current_cluster_labels(store::Database& db);

nlohmann::json to_json(const TrainNextMoodReport& report);
std::string to_text(const TrainNextMoodReport& report);
nlohmann::json to_json(const NextMoodPrediction& prediction, const TimeZone& zone);
std::string to_text(const NextMoodPrediction& prediction, const TimeZone& zone);

}  // namespace sonic::pipeline
