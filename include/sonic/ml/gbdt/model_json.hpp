#pragma once
// The model file format, as JSON (callers write it to disk atomically):
//   {"format": "sonic-gbdt", "version": 1, "objective": "binary_logistic",
//    "classes": [...], "feature_names": [...], "base_margin": [...],
//    "trees": [{"feature": [...], "threshold": [...], "left": [...], "right": [...],
//               "default_left": [...], "value": [...], "cover": [...], "gain": [...]}, ...],
//    "metadata": {...}}
// Trees are stored column-wise, one array per node field, nodes in the model's order. A leaf
// has feature -1 and children -1. A threshold of null means +infinity (a split that sends every
// present value left and only missing values right). Numbers are written in the shortest form
// that reads back to the same double, so a saved model predicts bit for bit as the original.
#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "sonic/ml/gbdt/model.hpp"

namespace sonic::ml {

inline constexpr const char* kGbdtFormatName = "sonic-gbdt";
inline constexpr int kGbdtFormatVersion = 1;

nlohmann::json gbdt_to_json(const GbdtModel& model);

// Throws InputError when the JSON is not a sonic-gbdt model, was made by a newer sonic, is
// malformed or truncated (naming the field), or has other feature names than
// `expected_feature_names` (naming both lists).
GbdtModel gbdt_from_json(const nlohmann::json& json, std::span<const std::string> expected_feature_names);

}  // namespace sonic::ml
