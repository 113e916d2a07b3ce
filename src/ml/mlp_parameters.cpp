#include "sonic/ml/mlp_parameters.hpp"

#include "sonic/core/random.hpp"

#include <cmath>

namespace sonic::ml {

MlpParameters<float> he_initialized_parameters(const MlpArchitecture& architecture, std::uint64_t seed) {
  MlpParameters<float> parameters(architecture);
  for (int layer = 0; layer < architecture.layer_count(); ++layer) {
    // One stream per layer: resizing one layer leaves the others' initial weights alone.
    auto random = SeededRandom::for_stream(seed, static_cast<std::uint64_t>(layer));
    const double spread = std::sqrt(2.0 / static_cast<double>(architecture.fan_in(layer)));
    auto weights = parameters.weights(layer);
    for (Eigen::Index i = 0; i < weights.size(); ++i) {
      weights.data()[i] = static_cast<float>(random.normal() * spread);
    }
  }
  return parameters;
}

}  // namespace sonic::ml
