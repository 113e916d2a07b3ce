#include "sonic/ml/common/model_json_reader.hpp"

#include "sonic/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace sonic::ml {
namespace {

std::string path(const std::string& parent, const std::string& child) {
  return parent.empty() ? child : parent + "." + child;
}

std::string indexed(const std::string& where, std::size_t index) { return where + "[" + std::to_string(index) + "]"; }

// 'a', 'b', 'c' (and 4 more)
std::string quoted_list(const std::vector<std::string>& names) {
  constexpr std::size_t kShown = 8;
  std::string text;
  for (std::size_t i = 0; i < std::min(names.size(), kShown); ++i) {
    text += (i == 0 ? "'" : ", '") + names[i] + "'";
  }
  if (names.size() > kShown) text += " (and " + std::to_string(names.size() - kShown) + " more)";
  return text;
}

// Names in `from` that `other` lacks, in `from`'s order.
std::vector<std::string> absent_from(std::span<const std::string> from, std::span<const std::string> other) {
  std::vector<std::string> absent;
  for (const auto& name : from) {
    if (std::find(other.begin(), other.end(), name) == other.end()) absent.push_back(name);
  }
  return absent;
}

}  // namespace

nlohmann::json parse_model_json(std::string_view text, std::string_view format) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    throw InputError(std::string(format) + " model: not valid JSON (truncated or damaged?) at byte " +
                     std::to_string(error.byte));
  } catch (const nlohmann::json::out_of_range& error) {  // a number beyond a double: 1E400
    throw InputError(std::string(format) + " model: not valid JSON (" + error.what() + ")");
  }
}

ModelJsonReader::ModelJsonReader(const nlohmann::json& document, std::string_view format, int newest_version)
    : document_(document), format_(format) {
  if (!document.is_object()) throw InputError(format_ + " model: expected a JSON object");
  const auto& name = field(document, "format");
  if (!name.is_string() || name.get_ref<const std::string&>() != format_) {
    throw InputError("not a " + format_ + " model: its format is " + name.dump() + ", expected \"" + format_ + "\"");
  }
  const auto& version = field(document, "version");
  if (!version.is_number_integer()) fail("version", "must be an integer");
  const auto number = version.get<std::int64_t>();
  if (number > newest_version) {
    throw InputError(format_ + " model: made by a newer sonic (format version " + std::to_string(number) +
                     "; this sonic reads versions up to " + std::to_string(newest_version) + "): upgrade sonic");
  }
  if (number < 1) fail("version", "is " + std::to_string(number) + ", not a version any sonic wrote");
  version_ = static_cast<int>(number);
}

void ModelJsonReader::fail(const std::string& where, const std::string& problem) const {
  throw InputError(format_ + " model: " + where + " " + problem);
}

const nlohmann::json& ModelJsonReader::field(const nlohmann::json& object, const char* key,
                                             const std::string& parent) const {
  const auto found = object.find(key);
  if (found == object.end()) fail(path(parent, key), "is missing");
  return *found;
}

const nlohmann::json& ModelJsonReader::object(const nlohmann::json& value, const std::string& where) const {
  if (!value.is_object()) fail(where, "must be an object");
  return value;
}

const nlohmann::json& ModelJsonReader::array(const nlohmann::json& value, const std::string& where) const {
  if (!value.is_array()) fail(where, "must be an array");
  return value;
}

std::string ModelJsonReader::string(const nlohmann::json& value, const std::string& where) const {
  if (!value.is_string()) fail(where, "must be a string");
  return value.get<std::string>();
}

Eigen::Index ModelJsonReader::positive_integer(const nlohmann::json& value, const std::string& where) const {
  if (!value.is_number_integer() || value.get<std::int64_t>() < 1) fail(where, "must be a positive integer");
  return static_cast<Eigen::Index>(value.get<std::int64_t>());
}

std::vector<std::string> ModelJsonReader::strings(const nlohmann::json& value, const std::string& where,
                                                  std::size_t count) const {
  array(value, where);
  if (value.size() != count) {
    fail(where, "has " + std::to_string(value.size()) + " entries, expected " + std::to_string(count));
  }
  std::vector<std::string> result;
  for (std::size_t i = 0; i < value.size(); ++i) result.push_back(string(value[i], indexed(where, i)));
  return result;
}

Eigen::VectorXf ModelJsonReader::floats(const nlohmann::json& value, const std::string& where,
                                        Eigen::Index count) const {
  array(value, where);
  if (value.size() != static_cast<std::size_t>(count)) {
    fail(where, "has " + std::to_string(value.size()) + " numbers, expected " + std::to_string(count));
  }
  Eigen::VectorXf result(count);
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto& number = value[i];
    if (!number.is_number()) fail(indexed(where, i), "must be a number");
    // Below 2^128 − 2^103 a double rounds to a finite float ("3.4028235e38" is FLT_MAX).
    constexpr double kFloatLimit = 0x1.ffffffp127;
    const auto x = number.get<double>();
    if (!(std::abs(x) < kFloatLimit)) {
      fail(indexed(where, i), "is outside the range of a float");
    }
    result(static_cast<Eigen::Index>(i)) = static_cast<float>(x);
  }
  return result;
}

Eigen::MatrixXf ModelJsonReader::float_rows(const nlohmann::json& value, const std::string& where, Eigen::Index rows,
                                            Eigen::Index columns) const {
  array(value, where);
  if (value.size() != static_cast<std::size_t>(rows)) {
    fail(where, "has " + std::to_string(value.size()) + " rows, expected " + std::to_string(rows));
  }
  Eigen::MatrixXf result(rows, columns);
  for (std::size_t row = 0; row < value.size(); ++row) {
    result.row(static_cast<Eigen::Index>(row)) = floats(value[row], indexed(where, row), columns).transpose();
  }
  return result;
}

void ModelJsonReader::require_feature_names(const std::vector<std::string>& model,
                                            std::span<const std::string> expected) const {
  if (std::equal(model.begin(), model.end(), expected.begin(), expected.end())) return;
  std::string problem = "do not match the features expected:";
  const auto lacking = absent_from(expected, model);
  const auto surplus = absent_from(model, expected);
  if (!lacking.empty()) problem += " the model lacks " + quoted_list(lacking) + ";";
  if (!surplus.empty()) problem += " the model has unexpected " + quoted_list(surplus) + ";";
  if (lacking.empty() && surplus.empty()) {
    const auto size = std::min(model.size(), expected.size());
    std::size_t i = 0;
    while (i < size && model[i] == expected[i]) ++i;
    if (i < size) {
      problem += " the same names in another order: feature " + std::to_string(i) + " is '" + model[i] +
                 "' in the model, '" + expected[i] + "' expected;";
    } else {
      problem += " the model has " + std::to_string(model.size()) + " of them, " + std::to_string(expected.size()) +
                 " expected;";
    }
  }
  problem.pop_back();
  fail("feature_names", problem);
}

}  // namespace sonic::ml
