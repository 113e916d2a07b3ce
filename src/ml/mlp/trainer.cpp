#include "sonic/ml/mlp/trainer.hpp"

#include "ml/data/feature_checks.hpp"
#include "ml/data/holdout_split.hpp"
#include "ml/mlp/training_loop.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/random.hpp"
#include "sonic/ml/common/invalid_argument.hpp"

#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <utility>

namespace sonic::ml {
namespace {

// The holdout split's seed, apart from the streams the training loop draws from the same seed.
constexpr std::uint64_t kHoldoutStream = 0x686f6c646f7574;  // "holdout"

void require_usable(const MlpOptions& options) {
  const auto fail = [](const std::string& message) { throw InvalidArgument("MLP options: " + message); };
  for (const auto width : options.hidden_layers) {
    if (width <= 0) fail("hidden layer widths must be positive");
  }
  if (options.epochs < 1) fail("epochs must be at least 1");
  if (options.batch_size < 1) fail("batch size must be at least 1");
  if (!(options.adam.learning_rate > 0)) fail("learning rate must be positive");
  if (!(options.adam.beta1 >= 0 && options.adam.beta1 < 1) || !(options.adam.beta2 >= 0 && options.adam.beta2 < 1)) {
    fail("Adam betas must be in [0, 1)");
  }
  if (!(options.adam.epsilon > 0)) fail("Adam epsilon must be positive");
  if (!(options.l2 >= 0)) fail("L2 weight decay must not be negative");
  if (!(options.dropout >= 0 && options.dropout < 1)) fail("dropout must be in [0, 1)");
  if (!(options.validation_fraction >= 0 && options.validation_fraction < 1))
    fail("validation fraction must be in [0, 1)");
  if (options.patience < 0) fail("patience must not be negative");
  if (options.threads < 0) fail("threads must not be negative (0 = all)");
}

void require_rows(Eigen::Index features, Eigen::Index answers, const std::string& what) {
  if (features == 0) throw InputError(what + ": no rows to train on");
  if (features != answers) {
    throw InputError(what + ": " + std::to_string(features) + " rows of features but " + std::to_string(answers) +
                     " of labels or targets");
  }
}

void require_labels(const Eigen::Ref<const Eigen::VectorXi>& labels, std::size_t classes, const std::string& what) {
  for (Eigen::Index row = 0; row < labels.size(); ++row) {
    if (labels(row) < 0 || static_cast<std::size_t>(labels(row)) >= classes) {
      throw InputError(what + ": row " + std::to_string(row) + " has label " + std::to_string(labels(row)) +
                       ", expected a class in [0, " + std::to_string(classes) + ")");
    }
  }
}

std::vector<Eigen::Index> all_rows(Eigen::Index rows) {
  std::vector<Eigen::Index> all(static_cast<std::size_t>(rows));
  std::iota(all.begin(), all.end(), Eigen::Index{0});
  return all;
}

// What differs between learning classes and learning values: checking the answers, holding
// rows out, and laying the answers out for the training loop.
struct ClassTask {
  using Samples = ClassSamples;
  static constexpr MlpOutput output = MlpOutput::softmax;
  const MlpNames& names;

  void check(const ClassSamples& samples, const std::string& what) const {
    require_rows(samples.features.rows(), samples.labels.size(), what);
    require_finite_features(samples.features, names.features, what + " features");
    require_labels(samples.labels, names.outputs.size(), what + " labels");
  }
  HoldoutSplit holdout(const ClassSamples& samples, double fraction, std::uint64_t seed) const {
    const std::span labels(samples.labels.data(), static_cast<std::size_t>(samples.labels.size()));
    return stratified_holdout(labels, static_cast<int>(names.outputs.size()), fraction, seed);
  }
  MlpColumns columns(const ClassSamples& samples, std::span<const Eigen::Index> rows,
                     const FeatureStandardizer& standardizer) const {
    MlpColumns columns;
    columns.inputs = standardizer.to_columns(samples.features, rows);
    columns.targets =
        Eigen::MatrixXf::Zero(static_cast<Eigen::Index>(names.outputs.size()), static_cast<Eigen::Index>(rows.size()));
    columns.labels.resize(static_cast<Eigen::Index>(rows.size()));
    for (std::size_t j = 0; j < rows.size(); ++j) {
      const int label = samples.labels(rows[j]);
      columns.labels(static_cast<Eigen::Index>(j)) = label;
      columns.targets(label, static_cast<Eigen::Index>(j)) = 1.0f;
    }
    return columns;
  }
};

struct ValueTask {
  using Samples = ValueSamples;
  static constexpr MlpOutput output = MlpOutput::linear;
  const MlpNames& names;

  void check(const ValueSamples& samples, const std::string& what) const {
    require_rows(samples.features.rows(), samples.targets.rows(), what);
    require_finite_features(samples.features, names.features, what + " features");
    require_finite_features(samples.targets, names.outputs, what + " targets");
  }
  HoldoutSplit holdout(const ValueSamples& samples, double fraction, std::uint64_t seed) const {
    return random_holdout(samples.features.rows(), fraction, seed);
  }
  MlpColumns columns(const ValueSamples& samples, std::span<const Eigen::Index> rows,
                     const FeatureStandardizer& standardizer) const {
    MlpColumns columns;
    columns.inputs = standardizer.to_columns(samples.features, rows);
    columns.targets.resize(samples.targets.cols(), static_cast<Eigen::Index>(rows.size()));
    for (std::size_t j = 0; j < rows.size(); ++j) {
      columns.targets.col(static_cast<Eigen::Index>(j)) = samples.targets.row(rows[j]).transpose();
    }
    return columns;
  }
};

nlohmann::json describe_training(const MlpOptions& options, const MlpLoopResult& loop, Eigen::Index training_rows,
                                 Eigen::Index validation_rows) {
  const auto& best = loop.history[static_cast<std::size_t>(loop.best_epoch) - 1];
  nlohmann::json metrics = {{"train_loss", best.train_loss}};
  if (best.validation_loss) metrics["validation_loss"] = *best.validation_loss;
  if (best.validation_accuracy) metrics["validation_accuracy"] = *best.validation_accuracy;
  return {
      {"seed", options.seed},
      {"hidden_layers", options.hidden_layers},
      {"epochs", options.epochs},
      {"epochs_run", loop.history.size()},
      {"best_epoch", loop.best_epoch},
      {"batch_size", options.batch_size},
      {"learning_rate", options.adam.learning_rate},
      {"beta1", options.adam.beta1},
      {"beta2", options.adam.beta2},
      {"epsilon", options.adam.epsilon},
      {"initialization", mlp_initialization_name(options.initialization)},
      {"l2", options.l2},
      {"dropout", options.dropout},
      {"validation_fraction", options.validation_fraction},
      {"patience", options.patience},
      {"standardize", options.standardize},
      {"training_rows", training_rows},
      {"validation_rows", validation_rows},
      {"metrics", std::move(metrics)},
  };
}

MlpArchitecture architecture_for(const MlpOptions& options, Eigen::Index inputs, Eigen::Index outputs,
                                 MlpOutput output) {
  std::vector<Eigen::Index> sizes{inputs};
  sizes.insert(sizes.end(), options.hidden_layers.begin(), options.hidden_layers.end());
  sizes.push_back(outputs);
  return MlpArchitecture(std::move(sizes), output);
}

template <typename Task>
MlpTrainingResult train(const Task& task, const typename Task::Samples& training,
                        const typename Task::Samples* validation, const MlpOptions& options) {
  require_usable(options);
  const auto& names = task.names;
  if (names.outputs.size() < (Task::output == MlpOutput::softmax ? 2u : 1u)) {
    throw InputError(Task::output == MlpOutput::softmax ? "an MLP classifier needs at least two class names"
                                                        : "an MLP regressor needs at least one output name");
  }
  task.check(training, "MLP training data");
  if (validation != nullptr) task.check(*validation, "MLP validation data");
  const auto architecture = architecture_for(options, training.features.cols(),
                                             static_cast<Eigen::Index>(names.outputs.size()), Task::output);

  HoldoutSplit split{all_rows(training.features.rows()), {}};
  if (validation == nullptr && options.validation_fraction > 0) {
    split = task.holdout(training, options.validation_fraction,
                         SeededRandom::for_stream(options.seed, kHoldoutStream).next_u64());
    if (split.held_out.empty()) throw InputError("MLP training data: too few rows to hold out a validation split");
  }
  auto standardizer = options.standardize ? FeatureStandardizer::fit(training.features, split.kept)
                                          : FeatureStandardizer::identity(training.features.cols());
  const auto train_columns = task.columns(training, split.kept, standardizer);
  std::optional<MlpColumns> validation_columns;
  if (validation != nullptr) {
    validation_columns = task.columns(*validation, all_rows(validation->features.rows()), standardizer);
  } else if (!split.held_out.empty()) {
    validation_columns = task.columns(training, split.held_out, standardizer);
  }

  auto loop =
      run_mlp_training(architecture, train_columns, validation_columns ? &*validation_columns : nullptr, options);
  auto info =
      describe_training(options, loop, train_columns.samples(), validation_columns ? validation_columns->samples() : 0);
  MlpModel model(std::move(loop.parameters), std::move(standardizer), names.features, names.outputs, std::move(info));
  return MlpTrainingResult{std::move(model), std::move(loop.history), loop.best_epoch};
}

}  // namespace

MlpTrainingResult train_mlp_classifier(const ClassSamples& training, const MlpNames& names, const MlpOptions& options) {
  return train(ClassTask{names}, training, nullptr, options);
}

MlpTrainingResult train_mlp_classifier(const ClassSamples& training, const ClassSamples& validation,
                                       const MlpNames& names, const MlpOptions& options) {
  return train(ClassTask{names}, training, &validation, options);
}

MlpTrainingResult train_mlp_regressor(const ValueSamples& training, const MlpNames& names, const MlpOptions& options) {
  return train(ValueTask{names}, training, nullptr, options);
}

MlpTrainingResult train_mlp_regressor(const ValueSamples& training, const ValueSamples& validation,
                                      const MlpNames& names, const MlpOptions& options) {
  return train(ValueTask{names}, training, &validation, options);
}

}  // namespace sonic::ml
