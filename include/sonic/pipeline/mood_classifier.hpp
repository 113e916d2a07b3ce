#pragma once
// `sonic train mood` and `sonic predict mood`: the track mood classifier from a labelled CSV
// to every history track's mood.
#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sonic/core/home.hpp"
#include "sonic/mood/mood_net.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

struct TrainMoodOptions {
  std::filesystem::path labels;
  mood::LabelledColumns columns;
  ml::MlpOptions mlp = mood::mood_net_defaults();
  int members = mood::kMoodNetMembers;  // nets in the seed ensemble
  int folds = 10;                       // 0: no cross-validation
};

struct TrainMoodResult {
  std::int64_t rows = 0;
  std::vector<std::string> classes;
  std::vector<std::string> features;
  std::optional<mood::CrossValidation> cv;
  int members = 0;
  double final_train_loss = 0;  // the members' mean
  int epochs = 0;
  std::string run_id;
  std::filesystem::path model_path;
  double seconds = 0;
};

// Cross-validates, trains on every row, saves home.models()/mood_net.json (replacing the old
// model only once the new one is complete) and records the run in mlruns ("mood").
TrainMoodResult train_mood(const Home& home, const TrainMoodOptions& options);

struct PredictMoodResult {
  std::string model_id;
  std::int64_t tracks_labelled = 0;
  std::int64_t tracks_lacking_features = 0;  // history tracks the model cannot judge
  std::map<std::string, std::int64_t> tracks_by_mood;
  double mean_confidence = 0;
};

// Labels every history track that has the model's features and stores mood and confidence.
PredictMoodResult predict_history_moods(store::Database& db, const Home& home);

struct MoodProbabilities {
  std::string subject;  // the track's name or "the given features"
  std::string mood;
  std::map<std::string, double> probabilities;
};

// One track by Spotify ID (its stored features), nothing stored.
MoodProbabilities predict_track_mood(store::Database& db, const Home& home, const std::string& spotify_id);
// Feature values given by name; every feature of the model must be there.
MoodProbabilities predict_features_mood(const Home& home, const std::map<std::string, double>& features);
// The same with a model already loaded (`sonic serve` keeps one); `what` names the input in a
// refusal ("--features", "row 2").
MoodProbabilities predict_features_mood(const mood::MoodNet& net, const std::map<std::string, double>& features,
                                        const std::string& what);

}  // namespace sonic::pipeline
