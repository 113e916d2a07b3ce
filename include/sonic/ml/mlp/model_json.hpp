#pragma once
// MLP model files as JSON (reading and writing the file itself is the caller's job):
//
//   {
//     "format": "sonic-mlp", "version": 1,
//     "output": "softmax" | "linear",
//     "layer_sizes": [inputs, hidden…, outputs],
//     "activations": ["relu", …, "softmax" | "linear"],      one per weight layer
//     "feature_names": [...], "output_names": [...],          classes or targets
//     "standardization": {"mean": [...], "scale": [...]},     x ↦ (x − mean) / scale
//     "layers": [{"weights": [[...fan_in numbers...] × fan_out], "bias": [...]}, …],
//     "training": {...}                                       seed, options, metrics; open
//   }
//
// Every float (weights, biases, standardisation) is a JSON number holding the shortest decimal
// that reads back as exactly the same float (checked as it is written), so a save/load round
// trip reproduces the model bit for bit while the file stays readable.
#include "sonic/ml/mlp/model.hpp"

#include <nlohmann/json.hpp>

#include <span>
#include <string>
#include <string_view>

namespace sonic::ml {

inline constexpr std::string_view kMlpFormatName = "sonic-mlp";
inline constexpr int kMlpFormatVersion = 1;

nlohmann::json mlp_model_to_json(const MlpModel& model);

// Checks the format name, the version (a newer one: "made by a newer sonic"), every shape and
// value, and that the model's feature names are `expected_features`, in order (a difference
// names the features concerned). Every failure is an InputError saying what and where.
MlpModel mlp_model_from_json(const nlohmann::json& document, std::span<const std::string> expected_features);

// The same from text: truncated or garbled JSON is an InputError too.
MlpModel parse_mlp_model(std::string_view text, std::span<const std::string> expected_features);

}  // namespace sonic::ml
