#pragma once
// The track mood classifier: a feedforward net (ml/mlp) trained on a labelled set, judged by
// stratified k-fold cross-validation, then trained once more on every row and saved as a
// "sonic-mood-net" model file (tracking/model_file.hpp envelope, ml/mlp JSON as the body).
#include <Eigen/Core>

#include <filesystem>
#include <vector>

#include "sonic/ml/metrics/classification_metrics.hpp"
#include "sonic/ml/mlp/model.hpp"
#include "sonic/ml/mlp/trainer.hpp"
#include "sonic/mood/labelled_tracks.hpp"
#include "sonic/tracking/model_file.hpp"
#include "sonic/tracking/model_kinds.hpp"

namespace sonic::mood {

// The mood net as a kind of model (see tracking/model_kinds.hpp).
inline constexpr std::string_view kMoodNetHeadlines[] = {"cv_accuracy", "cv_macro_f1"};
inline constexpr tracking::ModelKind kMoodNet{
    "mood", "mood", "mood_net.json", "sonic-mood-net", 1, kMoodNetHeadlines, "sonic train mood"};

// One hidden layer of 128, Adam at 3e-4, batches of 32, 200 epochs: the best of the settings
// compared with nested cross-validation on data_moods.csv (bench/mlp_cv_bench.cpp --nested).
ml::MlpOptions mood_net_defaults();

struct CrossValidation {
  int folds = 0;
  std::vector<double> fold_accuracy;
  double accuracy = 0;               // mean over folds
  double accuracy_std = 0;           // population standard deviation over folds
  ml::ClassificationMetrics pooled;  // every row's out-of-fold prediction at once
};

CrossValidation cross_validate_mood_net(const LabelledTracks& set, const ml::MlpOptions& options, int folds);
ml::MlpTrainingResult train_mood_net(const LabelledTracks& set, const ml::MlpOptions& options);

void save_mood_net(const std::filesystem::path& path, const ml::MlpModel& model, const tracking::ModelFileInfo& info);
// Every problem is an InputError naming the file.
ml::MlpModel load_mood_net(const std::filesystem::path& path, tracking::ModelFileInfo* info = nullptr);

}  // namespace sonic::mood
