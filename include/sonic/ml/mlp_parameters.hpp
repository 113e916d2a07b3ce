#pragma once
// Every weight and bias of a network in one flat vector, with matrix views per layer. One flat
// vector makes the optimiser, weight decay, gradient sums and "keep the best weights" plain
// vector operations. Scalar is float for training and prediction; double exists so tests can
// check gradients against finite differences without float rounding in the way.
#include "sonic/ml/mlp_architecture.hpp"

#include <Eigen/Core>

#include <cstdint>
#include <utility>

namespace sonic::ml {

template <typename Scalar>
class MlpParameters {
 public:
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

  // All zeros (the shape of a gradient).
  explicit MlpParameters(MlpArchitecture architecture)
      : architecture_(std::move(architecture)), values_(Vector::Zero(architecture_.parameter_count())) {}

  const MlpArchitecture& architecture() const { return architecture_; }

  // All weights, then all biases (see MlpArchitecture).
  Vector& values() { return values_; }
  const Vector& values() const { return values_; }

  // fan_out × fan_in: a layer maps a column-major batch (features × samples) by W·X + b.
  Eigen::Map<Matrix> weights(int layer) {
    return Eigen::Map<Matrix>(values_.data() + architecture_.weights_offset(layer),
                              architecture_.fan_out(layer), architecture_.fan_in(layer));
  }
  Eigen::Map<const Matrix> weights(int layer) const {
    return Eigen::Map<const Matrix>(values_.data() + architecture_.weights_offset(layer),
                                    architecture_.fan_out(layer), architecture_.fan_in(layer));
  }
  Eigen::Map<Vector> bias(int layer) {
    return Eigen::Map<Vector>(values_.data() + architecture_.bias_offset(layer), architecture_.fan_out(layer));
  }
  Eigen::Map<const Vector> bias(int layer) const {
    return Eigen::Map<const Vector>(values_.data() + architecture_.bias_offset(layer),
                                    architecture_.fan_out(layer));
  }

  template <typename To>
  MlpParameters<To> cast() const {
    MlpParameters<To> result(architecture_);
    result.values() = values_.template cast<To>();
    return result;
  }

 private:
  MlpArchitecture architecture_;
  Vector values_;
};

// He initialisation for ReLU layers: weights drawn from N(0, 2 / fan_in), biases zero. The
// draws come from `seed` alone, so the same architecture and seed give the same network.
MlpParameters<float> he_initialized_parameters(const MlpArchitecture& architecture, std::uint64_t seed);

}  // namespace sonic::ml
