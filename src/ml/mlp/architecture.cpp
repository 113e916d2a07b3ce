#include "sonic/ml/mlp/architecture.hpp"

#include <stdexcept>
#include <string>
#include <utility>

namespace sonic::ml {

std::string_view mlp_output_name(MlpOutput output) {
  switch (output) {
    case MlpOutput::softmax:
      return "softmax";
    case MlpOutput::linear:
      return "linear";
  }
  return "unknown";
}

MlpArchitecture::MlpArchitecture(std::vector<Eigen::Index> layer_sizes, MlpOutput output)
    : sizes_(std::move(layer_sizes)), output_(output) {
  if (sizes_.size() < 2) throw std::invalid_argument("an MLP needs an input and an output layer");
  for (const auto size : sizes_) {
    if (size <= 0) throw std::invalid_argument("MLP layer sizes must be positive");
  }
  if (output_ == MlpOutput::softmax && outputs() < 2) {
    throw std::invalid_argument("a softmax output needs at least two classes, not " + std::to_string(outputs()));
  }
  Eigen::Index offset = 0;
  for (int layer = 0; layer < layer_count(); ++layer) {
    weight_offsets_.push_back(offset);
    offset += fan_out(layer) * fan_in(layer);
  }
  for (int layer = 0; layer < layer_count(); ++layer) {
    bias_offsets_.push_back(offset);
    offset += fan_out(layer);
  }
  parameter_count_ = offset;
}

}  // namespace sonic::ml
