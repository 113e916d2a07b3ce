#pragma once
// The epoch loop behind train_mlp_classifier/regressor, on data already standardised and laid
// out one column per sample: shuffled mini-batches, gradients computed block by block on a
// thread pool and summed in block order, Adam, validation after every epoch, early stopping.
#include "sonic/ml/mlp/parameters.hpp"
#include "sonic/ml/mlp/trainer.hpp"

#include <Eigen/Core>

#include <vector>

namespace sonic::ml {

struct MlpColumns {
  Eigen::MatrixXf inputs;   // standardised features × samples
  Eigen::MatrixXf targets;  // outputs × samples: one-hot columns for a softmax
  Eigen::VectorXi labels;   // class per sample (softmax only), for accuracy

  Eigen::Index samples() const { return inputs.cols(); }
};

struct MlpLoopResult {
  MlpParameters<float> parameters;
  std::vector<MlpEpoch> history;
  int best_epoch = 0;
};

// `validation` may be null: then every epoch runs and the last weights are kept.
MlpLoopResult run_mlp_training(const MlpArchitecture& architecture, const MlpColumns& training,
                               const MlpColumns* validation, const MlpOptions& options);

}  // namespace sonic::ml
