#pragma once
// The `next-mood-choice` step of `sonic retrain`: after the mood net and the boosted trees are
// trained, choose the shipped next-mood predictor on the validation slice among them, the
// transition models and the baselines (mood/next_mood_choice.hpp), score the test part once and
// record every candidate's test figures in the run and in the step's figures.
#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "sonic/core/home.hpp"
#include "sonic/core/time_zone.hpp"
#include "sonic/mood/next_mood_choice.hpp"
#include "sonic/records/clustered_listen.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

struct ChooseNextMoodOptions {
  int window_days = 730;  // as TrainNextMoodOptions: the learners' files must match it
  std::uint64_t seed = 42;
  int threads = 0;
};

struct ChooseNextMoodResult {
  mood::NextMoodSelection selection;
  // The shipped predictor's test figures: its labels under the decision rule (`rule`,
  // mood/next_mood_choice.hpp), and `plain_argmax` the same probabilities' likeliest class.
  mood::NextMoodEvaluation evaluation;
  mood::NextMoodScores plain_argmax;
  mood::DecisionRule rule;
  // A learner left out of the choice and why (not trained on this clustering and window).
  std::vector<std::pair<std::string, std::string>> learners_left_out;
  std::string run_id;
  std::filesystem::path model_path;
  double seconds = 0;
};

// Needs `sonic cluster`; uses the net's and the trees' files when they were trained on the same
// clustering and window (a learner whose file is missing or stale is left out, saying why).
ChooseNextMoodResult choose_next_mood(store::Database& db, const Home& home, const TimeZone& zone,
                                      const ChooseNextMoodOptions& options);

// Every candidate's validation log-loss and test figures, the choice and the blend's weights.
nlohmann::json to_json(const ChooseNextMoodResult& result);

// One learner's ("net" or "gbdt") probabilities for what follows `session`; InputError when its
// file is missing or was trained on other clusters.
Eigen::RowVectorXd next_mood_learner_row(const Home& home, const std::string& learner, const std::string& clustering_id,
                                         int clusters, std::span<const records::ClusteredListen> session,
                                         const TimeZone& zone);

struct ChosenNextMood {
  std::string predictor;             // the chosen candidate's id
  Eigen::RowVectorXd probabilities;  // one per cluster
  int predicted = 0;                 // the cluster the decision rule names
  mood::DecisionRule rule;
};

// The chosen predictor's answer for what follows `session`, or nullopt when there is no choice
// file for the current clustering.
std::optional<ChosenNextMood> predict_with_choice(const Home& home, const std::string& clustering_id, int clusters,
                                                  std::span<const records::ClusteredListen> session,
                                                  const TimeZone& zone);

}  // namespace sonic::pipeline
