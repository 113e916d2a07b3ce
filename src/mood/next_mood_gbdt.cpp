#include "sonic/mood/next_mood_gbdt.hpp"

#include "next_mood_file.hpp"
#include "sonic/ml/gbdt/model_json.hpp"
#include "sonic/ml/gbdt/trainer.hpp"

namespace sonic::mood {

ml::GbdtParams next_mood_gbdt_defaults(int clusters) {
  ml::GbdtParams params;
  params.objective = ml::GbdtObjective::multiclass_softmax;
  params.num_classes = clusters;
  params.num_rounds = 300;
  params.max_depth = 4;
  params.learning_rate = 0.1;
  params.early_stopping_rounds = 20;
  return params;
}

ml::GbdtModel train_next_mood_gbdt(const features::NextMoodDataset& data, const TimeSplit& split, int clusters,
                                   ml::GbdtParams params) {
  params.objective = ml::GbdtObjective::multiclass_softmax;
  params.num_classes = clusters;
  const Eigen::MatrixXd train = data.features.topRows(split.validation_begin).cast<double>();
  const Eigen::VectorXi train_labels = data.next_cluster.head(split.validation_begin);
  const Eigen::Index validation_rows = split.test_begin - split.validation_begin;
  const Eigen::MatrixXd validation = data.features.middleRows(split.validation_begin, validation_rows).cast<double>();
  const Eigen::VectorXi validation_labels = data.next_cluster.segment(split.validation_begin, validation_rows);
  const ml::GbdtValidation held_out{validation, validation_labels};
  std::vector<std::string> classes;
  for (int c = 0; c < clusters; ++c) classes.push_back("cluster_" + std::to_string(c));
  return ml::train_gbdt(train, train_labels, params, {data.feature_names, classes}, &held_out);
}

NextMoodGbdtTraining train_next_mood_gbdt(const features::NextMoodDataset& data, int clusters, ml::GbdtParams params) {
  const auto split = session_aligned_split(data.session_start_ms);
  auto model = train_next_mood_gbdt(data, split, clusters, params);
  const Eigen::MatrixXd probabilities =
      model.predict_proba(data.features.bottomRows(split.rows - split.test_begin).cast<double>());
  auto evaluation = evaluate_next_mood(data, split, probabilities, clusters);
  return {std::move(model), evaluation};
}

void save_next_mood_gbdt(const std::filesystem::path& path, const ml::GbdtModel& model,
                         const tracking::ModelFileInfo& info) {
  auto envelope = info;
  envelope.format = mood::kNextMoodGbdt.format;
  envelope.version = mood::kNextMoodGbdt.version;
  envelope.feature_names = model.feature_names();
  tracking::save_model_file(path, envelope, ml::gbdt_to_json(model));
}

ml::GbdtModel load_next_mood_gbdt(const std::filesystem::path& path, int clusters, tracking::ModelFileInfo* info) {
  return load_next_mood_model(
      path, clusters, mood::kNextMoodGbdt,
      [](const nlohmann::json& json, std::span<const std::string> names) { return ml::gbdt_from_json(json, names); },
      info);
}

}  // namespace sonic::mood
