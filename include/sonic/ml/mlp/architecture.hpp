#pragma once
// The shape of a feedforward network: its layer widths and what its output means. Everything
// that sizes a buffer or finds a parameter in the flat parameter vector asks this.
#include <Eigen/Core>

#include <string_view>
#include <vector>

namespace sonic::ml {

// What the last layer produces, and so which loss trains it. Hidden layers are always ReLU.
enum class MlpOutput {
  softmax,  // class probabilities, trained with cross-entropy
  linear,   // real values (one or more), trained with mean squared error
};

// "softmax" / "linear": the words model files use.
std::string_view mlp_output_name(MlpOutput output);

class MlpArchitecture {
 public:
  // layer_sizes: the input width, every hidden width, then the output width; all positive,
  // and a softmax needs at least two classes. Anything else is a programming error
  // (std::invalid_argument): options and model files are checked before they get here.
  MlpArchitecture(std::vector<Eigen::Index> layer_sizes, MlpOutput output);

  const std::vector<Eigen::Index>& layer_sizes() const { return sizes_; }
  MlpOutput output() const { return output_; }
  Eigen::Index inputs() const { return sizes_.front(); }
  Eigen::Index outputs() const { return sizes_.back(); }

  // Weight layers, numbered from 0 at the input; the last one is the output layer.
  int layer_count() const { return static_cast<int>(sizes_.size()) - 1; }
  bool is_hidden(int layer) const { return layer + 1 < layer_count(); }
  Eigen::Index fan_in(int layer) const { return sizes_[static_cast<std::size_t>(layer)]; }
  Eigen::Index fan_out(int layer) const { return sizes_[static_cast<std::size_t>(layer) + 1]; }

  // The flat parameter vector holds every layer's weights first (each fan_out × fan_in,
  // column-major), then every layer's bias, so that weight decay, which spares the biases,
  // covers exactly the range [0, weight_count()).
  Eigen::Index weight_count() const { return bias_offsets_.front(); }
  Eigen::Index parameter_count() const { return parameter_count_; }
  Eigen::Index weights_offset(int layer) const { return weight_offsets_[static_cast<std::size_t>(layer)]; }
  Eigen::Index bias_offset(int layer) const { return bias_offsets_[static_cast<std::size_t>(layer)]; }

  friend bool operator==(const MlpArchitecture& a, const MlpArchitecture& b) {
    return a.sizes_ == b.sizes_ && a.output_ == b.output_;
  }

 private:
  std::vector<Eigen::Index> sizes_;
  MlpOutput output_;
  std::vector<Eigen::Index> weight_offsets_;
  std::vector<Eigen::Index> bias_offsets_;
  Eigen::Index parameter_count_ = 0;
};

}  // namespace sonic::ml
