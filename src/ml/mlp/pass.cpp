#include "ml/mlp/pass.hpp"

#include "sonic/core/random.hpp"

#include <cassert>
#include <cmath>
#include <stdexcept>

namespace sonic::ml {
namespace {

// delta ← delta · scale where the unit's output was positive, 0 elsewhere. Written so the
// compiler emits masked vector multiplies: std::isgreater is the quiet comparison, which it may
// vectorise (`>` may trap on NaN, so it keeps a branch), and Eigen 3.4's select() stays scalar.
// Branching on every coefficient mispredicts half the time for ReLUs and cost a quarter of the
// training time.
template <typename Scalar>
void pass_back_through_relu(const Scalar* __restrict output, Scalar* __restrict delta, Eigen::Index count,
                            Scalar scale) {
  for (Eigen::Index i = 0; i < count; ++i) delta[i] *= std::isgreater(output[i], Scalar(0)) ? scale : Scalar(0);
}

}  // namespace

template <typename Scalar>
MlpPass<Scalar>::MlpPass(const MlpArchitecture& architecture, Eigen::Index max_samples)
    : architecture_(architecture), max_samples_(max_samples) {
  if (max_samples <= 0) throw std::invalid_argument("an MLP pass needs room for at least one sample");
  for (int layer = 0; layer < architecture.layer_count(); ++layer) {
    layer_outputs_.emplace_back(architecture.fan_out(layer), max_samples);
    deltas_.emplace_back(architecture.fan_out(layer), max_samples);
  }
  if (architecture.output() == MlpOutput::softmax) probabilities_.resize(architecture.outputs(), max_samples);
  per_sample_.resize(max_samples);
}

template <typename Scalar>
Eigen::Ref<const typename MlpPass<Scalar>::Matrix> MlpPass<Scalar>::layer_input(
    int layer, const Eigen::Ref<const Matrix>& inputs) const {
  if (layer == 0) return inputs;
  return layer_outputs_[static_cast<std::size_t>(layer) - 1].leftCols(samples_);
}

template <typename Scalar>
typename MlpPass<Scalar>::ConstBlock MlpPass<Scalar>::forward(const MlpParameters<Scalar>& parameters,
                                                              const Eigen::Ref<const Matrix>& inputs,
                                                              const Dropout& dropout) {
  assert(inputs.rows() == architecture_.inputs() && inputs.cols() <= max_samples_);
  samples_ = inputs.cols();
  keep_scale_ = dropout.rate > 0 ? static_cast<Scalar>(1.0 / (1.0 - dropout.rate)) : Scalar(1);
  for (int layer = 0; layer < architecture_.layer_count(); ++layer) {
    auto z = layer_outputs_[static_cast<std::size_t>(layer)].leftCols(samples_);
    z.noalias() = parameters.weights(layer) * layer_input(layer, inputs);
    z.colwise() += parameters.bias(layer);
    if (architecture_.is_hidden(layer)) {
      z = z.cwiseMax(Scalar(0));
      if (dropout.rate > 0) apply_dropout(z, dropout);
    }
  }
  if (architecture_.output() == MlpOutput::linear) return logits();

  // Softmax per column, shifted by the column's largest logit so exp never overflows.
  const auto z = logits();
  auto probabilities = probabilities_.leftCols(samples_);
  auto per_sample = per_sample_.leftCols(samples_);
  per_sample = z.colwise().maxCoeff();
  probabilities = (z.rowwise() - per_sample).array().exp().matrix();
  per_sample = probabilities.colwise().sum();
  probabilities.array().rowwise() /= per_sample.array();
  return ConstBlock(probabilities_, 0, 0, probabilities_.rows(), samples_);
}

template <typename Scalar>
void MlpPass<Scalar>::apply_dropout(Eigen::Ref<Matrix> activations, const Dropout& dropout) {
  if (dropout.random == nullptr) throw std::invalid_argument("dropout needs a random source");
  Scalar* values = activations.data();
  const Eigen::Index stride = activations.outerStride();
  for (Eigen::Index column = 0; column < activations.cols(); ++column) {
    for (Eigen::Index row = 0; row < activations.rows(); ++row) {
      Scalar& value = values[column * stride + row];
      value = dropout.random->uniform() < dropout.rate ? Scalar(0) : value * keep_scale_;
    }
  }
}

template <typename Scalar>
double MlpPass<Scalar>::loss_and_gradient(const MlpParameters<Scalar>& parameters,
                                          const Eigen::Ref<const Matrix>& inputs,
                                          const Eigen::Ref<const Matrix>& targets, Scalar scale, const Dropout& dropout,
                                          MlpParameters<Scalar>& gradient) {
  const auto outputs = forward(parameters, inputs, dropout);
  const double loss = output_loss<Scalar>(architecture_.output(), logits(), targets);
  output_loss_gradient<Scalar>(architecture_.output(), outputs, targets, scale, deltas_.back().leftCols(samples_));
  backward(parameters, inputs, gradient);
  return loss;
}

template <typename Scalar>
void MlpPass<Scalar>::backward(const MlpParameters<Scalar>& parameters, const Eigen::Ref<const Matrix>& inputs,
                               MlpParameters<Scalar>& gradient) {
  for (int layer = architecture_.layer_count() - 1; layer >= 0; --layer) {
    const auto delta = deltas_[static_cast<std::size_t>(layer)].leftCols(samples_);
    gradient.weights(layer).noalias() = delta * layer_input(layer, inputs).transpose();
    gradient.bias(layer) = delta.rowwise().sum();
    if (layer == 0) break;
    // Back through the layer below's ReLU (and dropout): a unit that came out positive passed
    // its input on times keep_scale; a zeroed or dropped one passed nothing.
    auto below = deltas_[static_cast<std::size_t>(layer) - 1].leftCols(samples_);
    below.noalias() = parameters.weights(layer).transpose() * delta;
    pass_back_through_relu(layer_outputs_[static_cast<std::size_t>(layer) - 1].data(), below.data(), below.size(),
                           keep_scale_);
  }
}

template class MlpPass<float>;
template class MlpPass<double>;

}  // namespace sonic::ml
