#include "sonic/mood/mood_net.hpp"

#include "sonic/core/error.hpp"
#include "sonic/core/join.hpp"
#include "sonic/ml/data/stratified_folds.hpp"
#include "sonic/ml/mlp/model_json.hpp"
#include "sonic/mood/track_feature_values.hpp"

#include <cmath>
#include <optional>
#include <string>
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

CrossValidation cross_validate_mood_net(const LabelledTracks& set, const ml::MlpOptions& options, int folds,
                                        int members) {
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
    const auto net =
        ml::train_mlp_classifier_ensemble({train_features, train_labels}, names_of(set), options, members).ensemble;
    const Eigen::VectorXi predicted = net.predict(set.features(test, Eigen::all));
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

ml::MlpEnsembleTrainingResult train_mood_net(const LabelledTracks& set, const ml::MlpOptions& options, int members) {
  return ml::train_mlp_classifier_ensemble({set.features, set.labels}, names_of(set), options, members);
}

void save_mood_net(const std::filesystem::path& path, const MoodNet& net, const tracking::ModelFileInfo& info) {
  auto envelope = info;
  envelope.format = mood::kMoodNet.format;
  envelope.version = mood::kMoodNet.version;
  envelope.feature_names = net.feature_names();
  nlohmann::json members = nlohmann::json::array();
  for (const auto& member : net.members()) members.push_back(ml::mlp_model_to_json(member));
  tracking::save_model_file(path, envelope, {{"members", std::move(members)}});
}

MoodNet load_mood_net(const std::filesystem::path& path, tracking::ModelFileInfo* info) {
  const auto file =
      tracking::load_model_file(path, mood::kMoodNet.format, mood::kMoodNet.version, mood::kMoodNet.how_to_make());
  return tracking::reading_model_file(path, [&] {
    const auto reader = file.reader();
    for (const auto& name : file.info.feature_names) {
      if (!is_track_feature(name)) reader.fail("feature_names", "holds '" + name + "', which no track has");
    }
    // Version 1 held one net as the body itself.
    const bool one_net = file.info.version == 1;
    const auto& body = file.model();
    const auto& listed = one_net ? body : reader.array(reader.field(body, "members", "model"), "model.members");
    const std::size_t count = one_net ? 1 : listed.size();
    if (count < 1 || count > static_cast<std::size_t>(kMoodNetMostMembers)) {
      reader.fail("model.members", "holds " + std::to_string(count) + " nets; a mood net has 1 to " +
                                       std::to_string(kMoodNetMostMembers));
    }
    std::vector<ml::MlpModel> members;
    for (std::size_t m = 0; m < count; ++m) {
      const auto where = one_net ? std::string("model") : "model.members[" + std::to_string(m) + "]";
      const auto& json = one_net ? body : listed[m];
      std::optional<ml::MlpModel> member;
      try {
        member = ml::mlp_model_from_json(json, file.info.feature_names);
      } catch (const InputError& error) {
        reader.fail(where, "is not a whole net: " + std::string(error.what()));
      }
      if (member->output() != ml::MlpOutput::softmax)
        reader.fail(where + ".output", "must be softmax for a mood classifier");
      if (!members.empty() && member->output_names() != members.front().output_names()) {
        reader.fail(where + ".output_names", "are " + join(member->output_names(), ",") + ", but the first net's are " +
                                                 join(members.front().output_names(), ","));
      }
      members.push_back(std::move(*member));
    }
    if (info) *info = file.info;
    return MoodNet(std::move(members));
  });
}

}  // namespace sonic::mood
