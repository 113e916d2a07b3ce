#include "sonic/ml/mlp/parameters.hpp"

#include "sonic/core/random.hpp"

#include <cmath>

namespace sonic::ml {

std::string_view mlp_initialization_name(MlpInitialization initialization) {
  switch (initialization) {
    case MlpInitialization::torch_default:
      return "torch_default";
    case MlpInitialization::he_normal:
      return "he_normal";
  }
  return "unknown";
}

MlpParameters<float> initialized_parameters(const MlpArchitecture& architecture, MlpInitialization initialization,
                                            std::uint64_t seed) {
  MlpParameters<float> parameters(architecture);
  for (int layer = 0; layer < architecture.layer_count(); ++layer) {
    // One stream per layer: resizing one layer leaves the others' initial weights alone.
    auto random = SeededRandom::for_stream(seed, static_cast<std::uint64_t>(layer));
    const auto fan_in = static_cast<double>(architecture.fan_in(layer));
    auto weights = parameters.weights(layer).reshaped();
    auto bias = parameters.bias(layer);
    if (initialization == MlpInitialization::he_normal) {
      const double deviation = std::sqrt(2.0 / fan_in);
      for (auto& weight : weights) weight = static_cast<float>(random.normal() * deviation);
    } else {
      const double bound = 1.0 / std::sqrt(fan_in);
      for (auto& weight : weights) weight = static_cast<float>(random.uniform(-bound, bound));
      for (auto& b : bias) b = static_cast<float>(random.uniform(-bound, bound));
    }
  }
  return parameters;
}

}  // namespace sonic::ml
