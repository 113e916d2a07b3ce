#pragma once
// Checked reading of a model file's JSON. Every accessor is told the path of what it reads, and
// every failure is an InputError "<format> model: <path> <problem>", so a damaged or foreign
// file is reported precisely instead of crashing or loading garbage.
#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sonic::ml {

// Parses model text; truncated or garbled JSON is an InputError naming the byte offset.
nlohmann::json parse_model_json(std::string_view text, std::string_view format);

class ModelJsonReader {
 public:
  // The document must be an object with "format": `format` and an integer "version" no newer
  // than `newest_version` (a newer one is "made by a newer sonic").
  ModelJsonReader(const nlohmann::json& document, std::string_view format, int newest_version);

  const nlohmann::json& root() const { return document_; }
  int version() const { return version_; }

  [[noreturn]] void fail(const std::string& where, const std::string& problem) const;

  // `parent` is the path of `object`, for messages ("" at the root).
  const nlohmann::json& field(const nlohmann::json& object, const char* key, const std::string& parent = "") const;
  const nlohmann::json& object(const nlohmann::json& value, const std::string& where) const;
  const nlohmann::json& array(const nlohmann::json& value, const std::string& where) const;
  std::string string(const nlohmann::json& value, const std::string& where) const;
  Eigen::Index positive_integer(const nlohmann::json& value, const std::string& where) const;
  std::vector<std::string> strings(const nlohmann::json& value, const std::string& where, std::size_t count) const;
  // Finite numbers within float range.
  Eigen::VectorXf floats(const nlohmann::json& value, const std::string& where, Eigen::Index count) const;
  // An array of `rows` arrays of `columns` floats.
  Eigen::MatrixXf float_rows(const nlohmann::json& value, const std::string& where, Eigen::Index rows,
                             Eigen::Index columns) const;

  // The model's feature names must equal the caller's, in order; the message names the
  // features that differ.
  void require_feature_names(const std::vector<std::string>& model, std::span<const std::string> expected) const;

 private:
  const nlohmann::json& document_;
  std::string format_;
  int version_ = 0;
};

}  // namespace sonic::ml
