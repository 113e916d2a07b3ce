#include "sonic/ml/mlp/model_json.hpp"

#include "sonic/core/error.hpp"
#include "sonic/ml/common/model_json_reader.hpp"

#include <charconv>
#include <string>
#include <utility>
#include <vector>

namespace sonic::ml {
namespace {

// The shortest decimal that reads back as `value`, as a JSON number. nlohmann stores numbers as
// doubles and prints the shortest text that gives the same double back, so the file carries
// "0.1", not the float's exact binary value "0.100000001490116…".
nlohmann::json float_number(float value) {
  char text[32];
  const auto written = std::to_chars(text, text + sizeof text, value);
  double shortest = 0;
  std::from_chars(text, written.ptr, shortest);
  // Rounding decimal → double → float could in theory land on a neighbour; the float's exact
  // value as a double always reads back right.
  if (static_cast<float>(shortest) != value) shortest = static_cast<double>(value);
  return shortest;
}

template <typename Floats>
nlohmann::json float_array(const Floats& values) {
  auto array = nlohmann::json::array();
  for (Eigen::Index i = 0; i < values.size(); ++i) array.push_back(float_number(values(i)));
  return array;
}

std::vector<std::string> activations_of(const MlpArchitecture& architecture) {
  std::vector<std::string> names(static_cast<std::size_t>(architecture.layer_count()), "relu");
  names.back() = std::string(mlp_output_name(architecture.output()));
  return names;
}

MlpOutput read_output(ModelJsonReader& reader) {
  const auto name = reader.string(reader.field(reader.root(), "output"), "output");
  if (name == mlp_output_name(MlpOutput::softmax)) return MlpOutput::softmax;
  if (name == mlp_output_name(MlpOutput::linear)) return MlpOutput::linear;
  reader.fail("output", "is '" + name + "', expected 'softmax' or 'linear'");
}

MlpArchitecture read_architecture(ModelJsonReader& reader) {
  const auto output = read_output(reader);
  const auto& sizes_json = reader.array(reader.field(reader.root(), "layer_sizes"), "layer_sizes");
  if (sizes_json.size() < 2) reader.fail("layer_sizes", "needs at least the input and output widths");
  std::vector<Eigen::Index> sizes;
  for (std::size_t i = 0; i < sizes_json.size(); ++i) {
    sizes.push_back(reader.positive_integer(sizes_json[i], "layer_sizes[" + std::to_string(i) + "]"));
  }
  if (output == MlpOutput::softmax && sizes.back() < 2)
    reader.fail("layer_sizes", "a softmax needs two classes or more");
  MlpArchitecture architecture(std::move(sizes), output);

  const auto expected = activations_of(architecture);
  const auto activations = reader.strings(reader.field(reader.root(), "activations"), "activations", expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (activations[i] != expected[i]) {
      reader.fail("activations[" + std::to_string(i) + "]",
                  "is '" + activations[i] + "', expected '" + expected[i] + "' (hidden layers are ReLU)");
    }
  }
  return architecture;
}

FeatureStandardizer read_standardizer(ModelJsonReader& reader, Eigen::Index inputs) {
  const auto& section = reader.object(reader.field(reader.root(), "standardization"), "standardization");
  auto mean = reader.floats(reader.field(section, "mean", "standardization"), "standardization.mean", inputs);
  auto scale = reader.floats(reader.field(section, "scale", "standardization"), "standardization.scale", inputs);
  for (Eigen::Index i = 0; i < scale.size(); ++i) {
    if (!(scale(i) > 0)) reader.fail("standardization.scale[" + std::to_string(i) + "]", "must be positive");
  }
  return FeatureStandardizer(std::move(mean), std::move(scale));
}

MlpParameters<float> read_parameters(ModelJsonReader& reader, const MlpArchitecture& architecture) {
  const auto& layers = reader.array(reader.field(reader.root(), "layers"), "layers");
  if (layers.size() != static_cast<std::size_t>(architecture.layer_count())) {
    reader.fail("layers", "has " + std::to_string(layers.size()) + " entries, expected " +
                              std::to_string(architecture.layer_count()) + " (from layer_sizes)");
  }
  // Every array's size is checked before anything is allocated from layer_sizes.
  std::vector<std::pair<Eigen::MatrixXf, Eigen::VectorXf>> read;
  for (int layer = 0; layer < architecture.layer_count(); ++layer) {
    const std::string where = "layers[" + std::to_string(layer) + "]";
    const auto& entry = reader.object(layers[static_cast<std::size_t>(layer)], where);
    auto weights = reader.float_rows(reader.field(entry, "weights", where), where + ".weights",
                                     architecture.fan_out(layer), architecture.fan_in(layer));
    auto bias = reader.floats(reader.field(entry, "bias", where), where + ".bias", architecture.fan_out(layer));
    read.emplace_back(std::move(weights), std::move(bias));
  }
  MlpParameters<float> parameters(architecture);
  for (int layer = 0; layer < architecture.layer_count(); ++layer) {
    parameters.weights(layer) = read[static_cast<std::size_t>(layer)].first;
    parameters.bias(layer) = read[static_cast<std::size_t>(layer)].second;
  }
  return parameters;
}

}  // namespace

nlohmann::json mlp_model_to_json(const MlpModel& model) {
  const auto& architecture = model.architecture();
  auto layers = nlohmann::json::array();
  for (int layer = 0; layer < architecture.layer_count(); ++layer) {
    const auto weights = model.parameters().weights(layer);
    auto rows = nlohmann::json::array();
    for (Eigen::Index row = 0; row < weights.rows(); ++row) rows.push_back(float_array(weights.row(row)));
    layers.push_back({{"weights", std::move(rows)}, {"bias", float_array(model.parameters().bias(layer))}});
  }
  return {
      {"format", kMlpFormatName},
      {"version", kMlpFormatVersion},
      {"output", mlp_output_name(architecture.output())},
      {"layer_sizes", architecture.layer_sizes()},
      {"activations", activations_of(architecture)},
      {"feature_names", model.feature_names()},
      {"output_names", model.output_names()},
      {"standardization",
       {{"mean", float_array(model.standardizer().mean())}, {"scale", float_array(model.standardizer().scale())}}},
      {"layers", std::move(layers)},
      {"training", model.training_info()},
  };
}

MlpModel mlp_model_from_json(const nlohmann::json& document, std::span<const std::string> expected_features) {
  ModelJsonReader reader(document, kMlpFormatName, kMlpFormatVersion);
  const auto architecture = read_architecture(reader);
  auto feature_names = reader.strings(reader.field(reader.root(), "feature_names"), "feature_names",
                                      static_cast<std::size_t>(architecture.inputs()));
  reader.require_feature_names(feature_names, expected_features);
  auto output_names = reader.strings(reader.field(reader.root(), "output_names"), "output_names",
                                     static_cast<std::size_t>(architecture.outputs()));
  auto standardizer = read_standardizer(reader, architecture.inputs());
  auto parameters = read_parameters(reader, architecture);
  auto training = reader.object(reader.field(reader.root(), "training"), "training");
  return MlpModel(std::move(parameters), std::move(standardizer), std::move(feature_names), std::move(output_names),
                  training);
}

MlpModel parse_mlp_model(std::string_view text, std::span<const std::string> expected_features) {
  return mlp_model_from_json(parse_model_json(text, kMlpFormatName), expected_features);
}

}  // namespace sonic::ml
