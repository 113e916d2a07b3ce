#pragma once
// `sonic train next-mood` and `sonic predict next-mood`: which mood cluster the next track of a
// session will be in, learnt from the person's own sessions.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "sonic/core/home.hpp"
#include "sonic/core/time_zone.hpp"
#include "sonic/ml/gbdt/params.hpp"
#include "sonic/records/clustered_listen.hpp"
#include "sonic/mood/next_mood.hpp"
#include "sonic/mood/next_mood_gbdt.hpp"
#include "sonic/store/database.hpp"
#include "sonic/tracking/model_kinds.hpp"

namespace sonic::pipeline {

// The mood net (`train next-mood`) or boosted trees (`train mood-gbdt`): two models, two kinds
// in tracking/model_kinds.hpp, on the same dataset, split and evaluation.
enum class NextMoodLearner { net, gbdt };

// What the report says about a learner: its kind (experiment, file, format), its name in the
// report ("mood net", "boosted trees") and what its training counts ("epoch", "round").
struct NextMoodLearnerInfo {
  const tracking::ModelKind& kind;
  const char* name;
  const char* step;
};
const NextMoodLearnerInfo& learner_info(NextMoodLearner learner);

struct TrainNextMoodOptions {
  NextMoodLearner learner = NextMoodLearner::net;
  // Only sessions of the last N days before the newest listen (0: all). Habits drift: on an
  // 11-year history, two years gave one-vs-rest AUC 0.87 where all of it gave 0.74.
  int window_days = 730;
  ml::MlpOptions mlp = mood::next_mood_net_defaults();
  ml::GbdtParams gbdt = mood::next_mood_gbdt_defaults(2);  // num_classes is set from the clusters
};

struct TrainNextMoodResult {
  NextMoodLearner learner = NextMoodLearner::net;
  std::vector<std::string> cluster_labels;
  mood::NextMoodEvaluation evaluation;
  int epochs = 0;  // boosting rounds for the trees
  int best_epoch = 0;
  // The other learner's test metrics, from its model file, when it was trained on the same
  // clustering: the comparison of the mood net with boosted trees.
  std::optional<nlohmann::json> other_learner;
  std::int64_t data_from_ms = 0, data_to_ms = 0;
  std::string run_id;
  std::filesystem::path model_path;
  double seconds = 0;
};

// Needs `sonic cluster` first. Saves the learner's kind's file (models/next_mood.json or
// next_mood_gbdt.json) and records the run in its experiment.
TrainNextMoodResult train_next_mood(store::Database& db, const Home& home, const TimeZone& zone,
                                    const TrainNextMoodOptions& options);

// The next-mood dataset of the clustered listens of the last `window_days` days (0: all), whole
// sessions only: what every next-mood model of one retrain is trained and chosen on.
features::NextMoodDataset next_mood_dataset(store::Database& db, const TimeZone& zone, int clusters, int window_days);

struct NextMoodPrediction {
  // Which predictor answered: the chosen one of `sonic retrain` (next_mood_choice.hpp: "net",
  // "transition", "blend", …), or "net" when there is no choice for the current clustering.
  std::string predictor = "net";
  std::int64_t session_start_ms = 0;
  std::int64_t last_listen_ms = 0;
  std::string last_track;
  std::string current_label;
  std::vector<std::pair<std::string, double>> probabilities;  // by cluster label, likeliest first
  // The mood predicted: the likeliest one weighed against how common each is and toward the
  // current one (the choice's decision rule, mood/next_mood_choice.hpp), so not always the first
  // of `probabilities`.
  std::string predicted_label;
  double prior_exponent = 0;  // both 0: the likeliest one
  double stay_bonus = 0;
};

// What a next-mood prediction reads from the store: the clustering (its id, labels and
// centroids) and every clustered listen, a propagated track's at its cluster's centroid.
// `sonic serve` keeps one per store version (and the last one whose clustering matched its model
// while `sonic retrain` has clustered again but not yet replaced the next-mood model).
struct NextMoodStoreView {
  std::string clustering_id;
  std::vector<std::string> labels;
  Eigen::MatrixXd centroids;  // one row per cluster, the six cluster features
  std::vector<records::ClusteredListen> listens;
};
// InputError naming `sonic cluster` when there are no clusters.
NextMoodStoreView read_next_mood_view(store::Database& db);
// The session holding the newest clustered listen (InputError when there is none).
std::span<const records::ClusteredListen> latest_session(const NextMoodStoreView& view);

// For the latest session (the one holding the newest clustered listen), with the predictor
// `sonic retrain` chose when its file matches the current clustering, else the mood net.
NextMoodPrediction predict_next_mood(store::Database& db, const Home& home, const TimeZone& zone);
// For `session` (the latest one, or a caller's) under `view`'s clustering; the store gives the
// last track's name only.
NextMoodPrediction predict_next_mood(store::Database& db, const Home& home, const TimeZone& zone,
                                     const NextMoodStoreView& view, std::span<const records::ClusteredListen> session);

// A caller's session context, {"listens":[{"at":"2025-03-01T08:00:00Z","cluster":2}, …]} in time
// order, each listen optionally with all six cluster features by name (tempo in BPM; without
// them it stands at its cluster's centroid, as a stored track without features does). The
// session starts at its first listen. A bad context is a UsageError naming the field
// ("listens[2].cluster …").
std::vector<records::ClusteredListen> next_mood_session_from_json(const NextMoodStoreView& view,
                                                                  const nlohmann::json& context);

// The loaded clustering must be the one the model was trained on (InputError otherwise).
std::vector<std::string> current_cluster_labels(store::Database& db);

}  // namespace sonic::pipeline
