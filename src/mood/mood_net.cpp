#include "sonic/mood/mood_net.hpp"

#include "sonic/ml/data/stratified_folds.hpp"
#include "sonic/ml/mlp/model_json.hpp"
#include "sonic/mood/track_feature_values.hpp"

#include <cmath>
#include <span>

namespace sonic::mood {
namespace {

ml::MlpNames names_of(const LabelledTracks& set) { return {set.feature_names, set.classes}; }

std::vector<Eigen::Index> rows_where(const std::vector<int>& fold_of, int fold, bool inside) {
  std::vector<Eigen::Index> rows;
  for (std::size_t row = 0; row < fold_of.size(); ++row) {
    if ((fold_of[row] == fold) == inside) rows.push_back(static_cast<Eigen::Index>(row));
  }
  return rows;
}

}  // namespace

ml::MlpOptions mood_net_defaults() {
  ml::MlpOptions options;
  options.hidden_layers = {128};
  options.epochs = 200;
  options.batch_size = 32;
  options.adam.learning_rate = 3e-4;
  return options;
}

CrossValidation cross_validate_mood_net(const LabelledTracks& set, const ml::MlpOptions& options, int folds) {
  const std::span<const int> labels(set.labels.data(), static_cast<std::size_t>(set.labels.size()));
  const auto fold_of = ml::stratified_fold_ids(labels, static_cast<int>(set.classes.size()), folds, options.seed);
  CrossValidation result;
  result.folds = folds;
  Eigen::VectorXi out_of_fold(set.labels.size());
  for (int fold = 0; fold < folds; ++fold) {
    const auto train = rows_where(fold_of, fold, false);
    const auto test = rows_where(fold_of, fold, true);
    const Eigen::MatrixXf train_features = set.features(train, Eigen::all);
    const Eigen::VectorXi train_labels = set.labels(train);
    const auto model = ml::train_mlp_classifier({train_features, train_labels}, names_of(set), options).model;
    const Eigen::VectorXi predicted = model.predict(set.features(test, Eigen::all));
    out_of_fold(test) = predicted;
    result.fold_accuracy.push_back((predicted.array() == set.labels(test).array()).cast<double>().mean());
  }
  double sum = 0, squares = 0;
  for (const double accuracy : result.fold_accuracy) {
    sum += accuracy;
    squares += accuracy * accuracy;
  }
  result.accuracy = sum / folds;
  result.accuracy_std = std::sqrt(std::max(0.0, squares / folds - result.accuracy * result.accuracy));
  result.pooled = ml::classification_metrics(set.labels, out_of_fold, static_cast<int>(set.classes.size()));
  return result;
}

ml::MlpTrainingResult train_mood_net(const LabelledTracks& set, const ml::MlpOptions& options) {
  return ml::train_mlp_classifier({set.features, set.labels}, names_of(set), options);
}

void save_mood_net(const std::filesystem::path& path, const ml::MlpModel& model, const tracking::ModelFileInfo& info) {
  auto envelope = info;
  envelope.format = mood::kMoodNet.format;
  envelope.version = mood::kMoodNet.version;
  envelope.feature_names = model.feature_names();
  tracking::save_model_file(path, envelope, ml::mlp_model_to_json(model));
}

ml::MlpModel load_mood_net(const std::filesystem::path& path, tracking::ModelFileInfo* info) {
  const auto file =
      tracking::load_model_file(path, mood::kMoodNet.format, mood::kMoodNet.version, mood::kMoodNet.how_to_make());
  return tracking::reading_model_file(path, [&] {
    for (const auto& name : file.info.feature_names) {
      if (!is_track_feature(name)) file.reader().fail("feature_names", "holds '" + name + "', which no track has");
    }
    auto model = ml::mlp_model_from_json(file.model(), file.info.feature_names);
    if (model.output() != ml::MlpOutput::softmax)
      file.reader().fail("model.output", "must be softmax for a mood classifier");
    if (info) *info = file.info;
    return model;
  });
}

}  // namespace sonic::mood
