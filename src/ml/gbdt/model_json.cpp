#include "sonic/ml/gbdt/model_json.hpp"

#include <cmath>
#include <limits>

#include "sonic/core/error.hpp"

namespace sonic::ml {
namespace {

using nlohmann::json;

[[noreturn]] void reject(const std::string& what) { throw InputError("gbdt model file: " + what); }

const json& field(const json& object, const char* name, const std::string& where) {
  if (!object.is_object()) reject(where + " is not an object");
  const auto found = object.find(name);
  if (found == object.end()) reject(where + " has no '" + name + "'");
  return *found;
}

const json& array_field(const json& object, const char* name, const std::string& where) {
  const json& value = field(object, name, where);
  if (!value.is_array()) reject(where + ": '" + name + "' is not an array");
  return value;
}

std::string element(const std::string& where, const char* name, std::size_t index) {
  return where + ": '" + name + "'[" + std::to_string(index) + "]";
}

std::vector<std::string> strings(const json& object, const char* name, const std::string& where) {
  std::vector<std::string> result;
  const json& values = array_field(object, name, where);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!values[i].is_string()) reject(element(where, name, i) + " is not a string");
    result.push_back(values[i].get<std::string>());
  }
  return result;
}

std::vector<double> numbers(const json& object, const char* name, const std::string& where) {
  std::vector<double> result;
  const json& values = array_field(object, name, where);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!values[i].is_number()) reject(element(where, name, i) + " is not a number");
    result.push_back(values[i].get<double>());
  }
  return result;
}

std::vector<std::int32_t> integers(const json& object, const char* name, const std::string& where) {
  std::vector<std::int32_t> result;
  const json& values = array_field(object, name, where);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const json& value = values[i];
    if (!value.is_number_integer() || value.get<std::int64_t>() < -1 ||
        value.get<std::int64_t>() > std::numeric_limits<std::int32_t>::max()) {
      reject(element(where, name, i) + " is not an integer ≥ -1");
    }
    result.push_back(static_cast<std::int32_t>(value.get<std::int64_t>()));
  }
  return result;
}

json tree_to_json(const GbdtTree& tree) {
  json feature = json::array(), threshold = json::array(), left = json::array(), right = json::array(),
       default_left = json::array(), value = json::array(), cover = json::array(), gain = json::array();
  for (const GbdtNode& node : tree.nodes) {
    feature.push_back(node.feature);
    threshold.push_back(std::isinf(node.threshold) ? json(nullptr) : json(node.threshold));
    left.push_back(node.left);
    right.push_back(node.right);
    default_left.push_back(node.default_left);
    value.push_back(node.value);
    cover.push_back(node.cover);
    gain.push_back(node.gain);
  }
  return {{"feature", feature},           {"threshold", threshold}, {"left", left},   {"right", right},
          {"default_left", default_left}, {"value", value},         {"cover", cover}, {"gain", gain}};
}

GbdtTree tree_from_json(const json& object, const std::string& where) {
  const std::vector<std::int32_t> feature = integers(object, "feature", where);
  const std::vector<std::int32_t> left = integers(object, "left", where);
  const std::vector<std::int32_t> right = integers(object, "right", where);
  const std::vector<double> value = numbers(object, "value", where);
  const std::vector<double> cover = numbers(object, "cover", where);
  const std::vector<double> gain = numbers(object, "gain", where);
  const json& threshold = array_field(object, "threshold", where);
  const json& default_left = array_field(object, "default_left", where);
  const std::size_t size = feature.size();
  for (std::size_t other :
       {left.size(), right.size(), value.size(), cover.size(), gain.size(), threshold.size(), default_left.size()}) {
    if (other != size) reject(where + ": node fields have different lengths");
  }
  GbdtTree tree;
  tree.nodes.resize(size);
  for (std::size_t i = 0; i < size; ++i) {
    GbdtNode& node = tree.nodes[i];
    if (threshold[i].is_null()) {
      node.threshold = std::numeric_limits<double>::infinity();
    } else if (threshold[i].is_number()) {
      node.threshold = threshold[i].get<double>();
    } else {
      reject(element(where, "threshold", i) + " is neither a number nor null");
    }
    if (!default_left[i].is_boolean()) reject(element(where, "default_left", i) + " is not true/false");
    node.feature = feature[i];
    node.left = left[i];
    node.right = right[i];
    node.default_left = default_left[i].get<bool>();
    node.value = value[i];
    node.cover = cover[i];
    node.gain = gain[i];
  }
  return tree;
}

std::string list(const std::vector<std::string>& names) {
  std::string text = "[";
  for (std::size_t i = 0; i < names.size(); ++i) text += (i ? ", " : "") + names[i];
  return text + "]";
}

}  // namespace

json gbdt_to_json(const GbdtModel& model) {
  json trees = json::array();
  for (const GbdtTree& tree : model.trees()) trees.push_back(tree_to_json(tree));
  return {{"format", kGbdtFormatName},
          {"version", kGbdtFormatVersion},
          {"objective", objective_name(model.objective())},
          {"classes", model.class_names()},
          {"feature_names", model.feature_names()},
          {"base_margin", model.base_margin()},
          {"trees", std::move(trees)},
          {"metadata", model.metadata()}};
}

GbdtModel gbdt_from_json(const json& model, std::span<const std::string> expected_feature_names) {
  const json& format = field(model, "format", "the model");
  if (!format.is_string() || format.get<std::string>() != kGbdtFormatName) {
    reject(std::string("not a ") + kGbdtFormatName + " model (format is " + format.dump() + ")");
  }
  const json& version = field(model, "version", "the model");
  if (!version.is_number_integer() || version.get<std::int64_t>() < 1) {
    reject("version must be a positive integer, not " + version.dump());
  }
  if (version.get<std::int64_t>() > kGbdtFormatVersion) {
    reject("made by a newer sonic (format version " + version.dump() + "; this sonic reads up to " +
           std::to_string(kGbdtFormatVersion) + ")");
  }
  const json& objective = field(model, "objective", "the model");
  if (!objective.is_string()) reject("'objective' is not a string");
  std::vector<std::string> feature_names = strings(model, "feature_names", "the model");
  const std::vector<std::string> expected(expected_feature_names.begin(), expected_feature_names.end());
  if (feature_names != expected) {
    reject("trained on features " + list(feature_names) + " but the caller has " + list(expected));
  }
  std::vector<GbdtTree> trees;
  const json& tree_array = array_field(model, "trees", "the model");
  for (std::size_t t = 0; t < tree_array.size(); ++t) {
    trees.push_back(tree_from_json(tree_array[t], "tree " + std::to_string(t)));
  }
  const json& metadata = field(model, "metadata", "the model");
  if (!metadata.is_object()) reject("'metadata' is not an object");
  return GbdtModel(objective_from_name(objective.get<std::string>()), std::move(feature_names),
                   strings(model, "classes", "the model"), numbers(model, "base_margin", "the model"), std::move(trees),
                   metadata);
}

}  // namespace sonic::ml
