#include "sonic/mood/next_mood.hpp"

#include "next_mood_file.hpp"
#include "sonic/core/error.hpp"
#include "sonic/ml/metrics/classification_metrics.hpp"
#include "sonic/ml/mlp/model_json.hpp"

#include <algorithm>
#include <cmath>

namespace sonic::mood {
namespace {

// The first row of the session in which row `at` lies (cuts move back to a session's start).
Eigen::Index session_start_row(const std::vector<std::int64_t>& sessions, Eigen::Index at) {
  while (at > 0 && sessions[static_cast<std::size_t>(at - 1)] == sessions[static_cast<std::size_t>(at)]) --at;
  return at;
}

std::vector<std::string> cluster_names(int clusters) {
  std::vector<std::string> names;
  for (int c = 0; c < clusters; ++c) names.push_back("cluster_" + std::to_string(c));
  return names;
}

}  // namespace

double multiclass_log_loss(const Eigen::VectorXi& truth, const Eigen::MatrixXd& probabilities) {
  if (truth.size() == 0) return 0;
  double sum = 0;
  for (Eigen::Index i = 0; i < truth.size(); ++i) sum -= std::log(std::max(probabilities(i, truth(i)), 1e-15));
  return sum / static_cast<double>(truth.size());
}

NextMoodScores next_mood_scores(const Eigen::VectorXi& truth, const Eigen::MatrixXd& probabilities, int clusters) {
  Eigen::VectorXi predicted(truth.size());
  for (Eigen::Index i = 0; i < truth.size(); ++i) probabilities.row(i).maxCoeff(&predicted(i));
  return next_mood_scores(truth, probabilities, predicted, clusters);
}

NextMoodScores next_mood_scores(const Eigen::VectorXi& truth, const Eigen::MatrixXd& probabilities,
                                const Eigen::VectorXi& predicted, int clusters) {
  const auto metrics = ml::classification_metrics(truth, predicted, clusters);
  return {metrics.accuracy, metrics.macro_f1, ml::one_vs_rest_auc(truth, probabilities),
          multiclass_log_loss(truth, probabilities)};
}

TimeSplit session_aligned_split(const std::vector<std::int64_t>& session_start_ms, double test_fraction,
                                double validation_fraction) {
  TimeSplit split;
  split.rows = static_cast<Eigen::Index>(session_start_ms.size());
  const auto rows = static_cast<double>(split.rows);
  split.test_begin =
      session_start_row(session_start_ms, static_cast<Eigen::Index>(std::llround(rows * (1 - test_fraction))));
  split.validation_begin = session_start_row(
      session_start_ms,
      static_cast<Eigen::Index>(std::llround(static_cast<double>(split.test_begin) * (1 - validation_fraction))));
  if (split.validation_begin < 1 || split.test_begin <= split.validation_begin || split.test_begin >= split.rows) {
    throw InputError("too few listening sessions with clustered tracks (" + std::to_string(split.rows) +
                     " next-track examples) for a time-based split into training, validation and test; "
                     "import more history or cluster more tracks");
  }
  return split;
}

TimeSplit selection_split(const std::vector<std::int64_t>& session_start_ms, const TimeSplit& split) {
  TimeSplit inner;
  inner.rows = split.test_begin;
  inner.test_begin = split.validation_begin;
  inner.validation_begin = session_start_row(
      session_start_ms, static_cast<Eigen::Index>(std::llround(static_cast<double>(split.validation_begin) * 0.85)));
  if (inner.validation_begin < 1 || inner.test_begin <= inner.validation_begin) {
    throw InputError("too few listening sessions before the validation slice to judge a next-mood learner on it");
  }
  return inner;
}

NextMoodEvaluation evaluate_next_mood(const features::NextMoodDataset& data, const TimeSplit& split,
                                      const Eigen::MatrixXd& test_probabilities, int clusters) {
  NextMoodEvaluation evaluation;
  evaluation.train_rows = split.validation_begin;
  evaluation.validation_rows = split.test_begin - split.validation_begin;
  evaluation.test_rows = split.rows - split.test_begin;
  evaluation.test_from_ms = data.time_ms[static_cast<std::size_t>(split.test_begin)];
  const Eigen::VectorXi truth = data.next_cluster.tail(evaluation.test_rows);
  evaluation.model = next_mood_scores(truth, test_probabilities, clusters);

  // Baselines see what the model sees: the most frequent cluster is counted on training rows.
  Eigen::VectorXd counts = Eigen::VectorXd::Zero(clusters);
  for (Eigen::Index i = 0; i < split.test_begin; ++i) counts(data.next_cluster(i)) += 1;
  Eigen::MatrixXd frequent = counts.transpose().replicate(evaluation.test_rows, 1) / counts.sum();
  evaluation.most_frequent = next_mood_scores(truth, frequent, clusters);
  Eigen::MatrixXd same = Eigen::MatrixXd::Zero(evaluation.test_rows, clusters);
  for (Eigen::Index i = 0; i < evaluation.test_rows; ++i) same(i, data.current_cluster(split.test_begin + i)) = 1;
  evaluation.same_as_current = next_mood_scores(truth, same, clusters);
  return evaluation;
}

ml::MlpOptions next_mood_net_defaults() {
  ml::MlpOptions options;
  options.hidden_layers = {64};
  options.epochs = 60;
  options.batch_size = 64;
  options.adam.learning_rate = 1e-3;
  options.l2 = 1e-4;
  options.patience = 8;
  options.standardize = false;  // see next_mood_dataset.hpp
  return options;
}

ml::MlpTrainingResult train_next_mood_net(const features::NextMoodDataset& data, const TimeSplit& split, int clusters,
                                          const ml::MlpOptions& options) {
  const auto train = Eigen::seqN(0, split.validation_begin);
  const auto validation = Eigen::seq(split.validation_begin, split.test_begin - 1);
  const Eigen::MatrixXf train_features = data.features(train, Eigen::all);
  const Eigen::VectorXi train_labels = data.next_cluster(train);
  const Eigen::MatrixXf validation_features = data.features(validation, Eigen::all);
  const Eigen::VectorXi validation_labels = data.next_cluster(validation);
  return ml::train_mlp_classifier({train_features, train_labels}, {validation_features, validation_labels},
                                  {data.feature_names, cluster_names(clusters)}, options);
}

NextMoodTraining train_next_mood_net(const features::NextMoodDataset& data, int clusters,
                                     const ml::MlpOptions& options) {
  const auto split = session_aligned_split(data.session_start_ms);
  NextMoodTraining result{train_next_mood_net(data, split, clusters, options), {}};
  const Eigen::MatrixXd probabilities =
      result.trained.model.predict_proba(data.features.bottomRows(split.rows - split.test_begin)).cast<double>();
  result.evaluation = evaluate_next_mood(data, split, probabilities, clusters);
  return result;
}

void save_next_mood_net(const std::filesystem::path& path, const ml::MlpModel& model,
                        const tracking::ModelFileInfo& info) {
  auto envelope = info;
  envelope.format = mood::kNextMoodNet.format;
  envelope.version = mood::kNextMoodNet.version;
  envelope.feature_names = model.feature_names();
  tracking::save_model_file(path, envelope, ml::mlp_model_to_json(model));
}

ml::MlpModel load_next_mood_net(const std::filesystem::path& path, int clusters, tracking::ModelFileInfo* info) {
  return load_next_mood_model(
      path, clusters, mood::kNextMoodNet,
      [](const nlohmann::json& json, std::span<const std::string> names) {
        return ml::mlp_model_from_json(json, names);
      },
      info);
}

}  // namespace sonic::mood
