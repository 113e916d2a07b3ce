#pragma once
// The losses an MLP is trained with, per sample, and their gradients with respect to the
// output layer's pre-activations (the logits):
//   softmax: cross-entropy −log p[label], computed from the logits (log-sum-exp, so a confident
//            wrong answer costs a large finite number rather than infinity); gradient p − y.
//   linear:  squared error averaged over the outputs, mean((ŷ − y)²); gradient 2(ŷ − y)/K.
// And L2 weight decay, (λ/2)·Σw² over the weights, never the biases.
// Matrices hold one column per sample; targets are one-hot columns for a softmax.
#include "sonic/ml/mlp/parameters.hpp"

#include <Eigen/Core>

namespace sonic::ml {

template <typename Scalar>
using MlpMatrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;

// The loss summed over the columns (samples), accumulated in double.
template <typename Scalar>
double output_loss(MlpOutput output, const Eigen::Ref<const MlpMatrix<Scalar>>& logits,
                   const Eigen::Ref<const MlpMatrix<Scalar>>& targets);

// scale × d(summed loss)/d(logits). `outputs` are the network's outputs for those logits
// (probabilities for a softmax, the logits themselves for a linear output).
template <typename Scalar>
void output_loss_gradient(MlpOutput output, const Eigen::Ref<const MlpMatrix<Scalar>>& outputs,
                          const Eigen::Ref<const MlpMatrix<Scalar>>& targets, Scalar scale,
                          Eigen::Ref<MlpMatrix<Scalar>> logit_gradient);

// (l2 / 2) · Σ w² over every layer's weights.
template <typename Scalar>
double weight_decay_penalty(const MlpParameters<Scalar>& parameters, double l2);

// Adds l2 · w to `gradient` over the part of the flat range [begin, end) that holds weights, so
// the trainer can apply it chunk by chunk while it sums gradients.
template <typename Scalar>
void add_weight_decay_gradient(const MlpParameters<Scalar>& parameters, double l2, Eigen::Index begin, Eigen::Index end,
                               MlpParameters<Scalar>& gradient);

}  // namespace sonic::ml
