#pragma once
// The next track's mood: models trained on the next-mood dataset with a time-based split (the
// last 20% of listens, whole sessions, are the test; nothing from them is seen in training),
// judged by accuracy, macro-F1 and one-vs-rest ROC-AUC next to two baselines — always the most
// frequent cluster of the training part, and "the same cluster as the current track".
#include <Eigen/Core>

#include <cstdint>
#include <filesystem>
#include <optional>

#include "sonic/features/next_mood_dataset.hpp"
#include "sonic/ml/mlp/model.hpp"
#include "sonic/ml/mlp/trainer.hpp"
#include "sonic/tracking/model_file.hpp"
#include "sonic/tracking/model_kinds.hpp"

namespace sonic::mood {

// The next-mood net as a kind of model (see tracking/model_kinds.hpp). The net and the boosted
// trees (next_mood_gbdt.hpp) are judged alike, on one dataset and split.
inline constexpr std::string_view kNextMoodHeadlines[] = {"test_accuracy", "test_macro_f1", "test_roc_auc",
                                                          "baseline_same_as_current_accuracy"};
inline constexpr tracking::ModelKind kNextMoodNet{
    "next-mood", "next-mood", "next_mood.json", "sonic-next-mood-net", 1, kNextMoodHeadlines, "sonic train next-mood"};

// Rows [0, validation_begin) train, [validation_begin, test_begin) pick the early-stopping
// epoch, [test_begin, rows) test. Every cut falls between sessions.
struct TimeSplit {
  Eigen::Index validation_begin = 0;
  Eigen::Index test_begin = 0;
  Eigen::Index rows = 0;
};

// InputError when the rows are too few for three non-empty parts.
TimeSplit session_aligned_split(const std::vector<std::int64_t>& session_start_ms, double test_fraction = 0.2,
                                double validation_fraction = 0.15);

// The split a learner is trained on when the next-mood choice judges it: its own validation
// slice (for early stopping) is the end of `split`'s training rows, and `split`'s validation
// slice becomes its test, so the slice the choice is made on never steered its training.
// InputError when the training rows are too few to cut.
TimeSplit selection_split(const std::vector<std::int64_t>& session_start_ms, const TimeSplit& split);

struct NextMoodScores {
  double accuracy = 0;
  double macro_f1 = 0;
  std::optional<double> roc_auc;  // one-vs-rest, macro
  double log_loss = 0;            // mean negative log-likelihood, probabilities clipped to 1e-15
};

// Accuracy and macro-F1 of the likeliest class, one-vs-rest AUC and log-loss of `probabilities`
// (one row per truth, rows summing to 1).
NextMoodScores next_mood_scores(const Eigen::VectorXi& truth, const Eigen::MatrixXd& probabilities, int clusters);
// The same, with accuracy and macro-F1 of `predicted` (a decision rule's labels, one per row)
// instead of the likeliest class; ROC-AUC and log-loss are the probabilities' own.
NextMoodScores next_mood_scores(const Eigen::VectorXi& truth, const Eigen::MatrixXd& probabilities,
                                const Eigen::VectorXi& predicted, int clusters);
// As scikit-learn's log_loss: the mean of -log(max(p_truth, 1e-15)).
double multiclass_log_loss(const Eigen::VectorXi& truth, const Eigen::MatrixXd& probabilities);

struct NextMoodEvaluation {
  NextMoodScores model;
  NextMoodScores most_frequent;
  NextMoodScores same_as_current;
  Eigen::Index train_rows = 0, validation_rows = 0, test_rows = 0;
  std::int64_t test_from_ms = 0;
};

// `test_probabilities`: the model's class probabilities for the test rows.
NextMoodEvaluation evaluate_next_mood(const features::NextMoodDataset& data, const TimeSplit& split,
                                      const Eigen::MatrixXd& test_probabilities, int clusters);

ml::MlpOptions next_mood_net_defaults();

struct NextMoodTraining {
  ml::MlpTrainingResult trained;
  NextMoodEvaluation evaluation;
};

NextMoodTraining train_next_mood_net(const features::NextMoodDataset& data, int clusters,
                                     const ml::MlpOptions& options);
// On a given split (rows beyond split.rows are predicted too); `evaluation` is left empty.
ml::MlpTrainingResult train_next_mood_net(const features::NextMoodDataset& data, const TimeSplit& split, int clusters,
                                          const ml::MlpOptions& options);

void save_next_mood_net(const std::filesystem::path& path, const ml::MlpModel& model,
                        const tracking::ModelFileInfo& info);
ml::MlpModel load_next_mood_net(const std::filesystem::path& path, int clusters,
                                tracking::ModelFileInfo* info = nullptr);

}  // namespace sonic::mood
