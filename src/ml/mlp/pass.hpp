#pragma once
// One forward (and, for training, backward) pass of a network over a block of samples. Samples
// are columns, so every layer is one matrix product (a GEMM) over the whole block; the buffers
// for the largest block are allocated once, so the training loop itself does not allocate.
#include "ml/mlp/loss.hpp"
#include "sonic/ml/mlp/parameters.hpp"

#include <Eigen/Core>

#include <vector>

namespace sonic {
class SeededRandom;
}

namespace sonic::ml {

// Inverted dropout on the hidden layers, for training passes only: each hidden unit of each
// sample is zeroed with probability `rate` and the survivors are scaled by 1 / (1 − rate), so
// that predictions, which never drop anything, need no rescaling.
struct Dropout {
  double rate = 0;                 // in [0, 1)
  SeededRandom* random = nullptr;  // draws the masks; required when rate > 0
};

template <typename Scalar>
class MlpPass {
 public:
  using Matrix = MlpMatrix<Scalar>;
  using ConstBlock = Eigen::Block<const Matrix>;

  MlpPass(const MlpArchitecture& architecture, Eigen::Index max_samples);

  Eigen::Index max_samples() const { return max_samples_; }

  // The network's outputs for `inputs` (standardized features × samples, at most max_samples()
  // columns): class probabilities or values, one column per sample. Valid until the next pass.
  ConstBlock forward(const MlpParameters<Scalar>& parameters, const Eigen::Ref<const Matrix>& inputs,
                     const Dropout& dropout = {});

  // The output layer's pre-activations of the last forward pass.
  ConstBlock logits() const { return ConstBlock(layer_outputs_.back(), 0, 0, layer_outputs_.back().rows(), samples_); }

  // Forward pass, loss and backpropagation: writes scale × d(summed loss)/d(parameter) into
  // `gradient` (overwriting it) and returns the loss summed over the samples, without weight
  // decay. `targets` are one-hot columns (softmax) or target values (linear).
  double loss_and_gradient(const MlpParameters<Scalar>& parameters, const Eigen::Ref<const Matrix>& inputs,
                           const Eigen::Ref<const Matrix>& targets, Scalar scale, const Dropout& dropout,
                           MlpParameters<Scalar>& gradient);

 private:
  Eigen::Ref<const Matrix> layer_input(int layer, const Eigen::Ref<const Matrix>& inputs) const;
  void apply_dropout(Eigen::Ref<Matrix> activations, const Dropout& dropout);
  void backward(const MlpParameters<Scalar>& parameters, const Eigen::Ref<const Matrix>& inputs,
                MlpParameters<Scalar>& gradient);

  MlpArchitecture architecture_;
  Eigen::Index max_samples_;
  Eigen::Index samples_ = 0;
  Scalar keep_scale_ = 1;                                // 1 / (1 − dropout rate) of the last forward pass
  std::vector<Matrix> layer_outputs_;                    // per layer: ReLU (and dropout) output; logits for the last
  Matrix probabilities_;                                 // softmax of the logits (softmax networks only)
  std::vector<Matrix> deltas_;                           // per layer: d(loss)/d(pre-activation)
  Eigen::Matrix<Scalar, 1, Eigen::Dynamic> per_sample_;  // the softmax's column maxima, then sums
};

}  // namespace sonic::ml
