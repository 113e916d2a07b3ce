#pragma once
// Training a feedforward network: ReLU hidden layers, then a softmax over classes
// (cross-entropy) or linear outputs (mean squared error). Adam on shuffled mini-batches, L2
// weight decay, dropout, early stopping on held-out rows, inputs standardised with statistics
// of the training rows, weights initialised from the He family (see MlpInitialization).
// Seeded and deterministic: the same data, options and seed give bit-identical weights whatever
// `threads` is (work is cut into fixed blocks of samples whose gradients are summed in a fixed
// order; threads only decide who computes which block).
#include "sonic/ml/mlp/adam.hpp"
#include "sonic/ml/mlp/model.hpp"

#include <Eigen/Core>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sonic::ml {

struct MlpOptions {
  std::vector<Eigen::Index> hidden_layers{64, 32};
  int epochs = 100;
  Eigen::Index batch_size = 32;
  AdamSettings adam;
  MlpInitialization initialization = MlpInitialization::torch_default;
  double l2 = 0;       // weight decay λ: the loss gains (λ/2)·Σw² over the weights (not biases)
  double dropout = 0;  // rate on every hidden layer, in [0, 1); training only
  // Rows held out (stratified by class for classifiers) to score each epoch and keep the best
  // one's weights; 0 = none. Ignored when the caller passes validation rows.
  double validation_fraction = 0;
  int patience = 0;  // stop after this many epochs without a lower validation loss; 0 = never
  bool standardize = true;
  std::uint64_t seed = 42;
  int threads = 0;  // 0 = every hardware thread; does not change the result
};

// One epoch, numbered from 1, for the caller to log (MLflow, progress).
struct MlpEpoch {
  int epoch = 0;
  // Mean loss over the epoch's training batches, as trained: with dropout, without the weight
  // decay penalty, with the weights changing batch by batch.
  double train_loss = 0;
  std::optional<double> validation_loss;      // with the weights at the end of the epoch
  std::optional<double> validation_accuracy;  // classifiers only
};

struct MlpTrainingResult {
  MlpModel model;
  std::vector<MlpEpoch> history;
  int best_epoch = 0;  // the epoch whose weights `model` holds (the last one without validation)
};

// Views of the caller's data, one row per sample.
struct ClassSamples {
  Eigen::Ref<const Eigen::MatrixXf> features;
  Eigen::Ref<const Eigen::VectorXi> labels;  // class indices in [0, classes)
};
struct ValueSamples {
  Eigen::Ref<const Eigen::MatrixXf> features;
  Eigen::Ref<const Eigen::MatrixXf> targets;  // one column per output
};

// Names stored in the model: one per feature column, and one per class or output.
struct MlpNames {
  std::vector<std::string> features;
  std::vector<std::string> outputs;
};

// Bad data (shapes, NaN, labels out of range) is an InputError; bad options an InvalidArgument.
MlpTrainingResult train_mlp_classifier(const ClassSamples& training, const MlpNames& names, const MlpOptions& options);
MlpTrainingResult train_mlp_classifier(const ClassSamples& training, const ClassSamples& validation,
                                       const MlpNames& names, const MlpOptions& options);
MlpTrainingResult train_mlp_regressor(const ValueSamples& training, const MlpNames& names, const MlpOptions& options);
MlpTrainingResult train_mlp_regressor(const ValueSamples& training, const ValueSamples& validation,
                                      const MlpNames& names, const MlpOptions& options);

}  // namespace sonic::ml
