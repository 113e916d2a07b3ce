#include "serve/request_rows.hpp"

#include <string>

#include "serve/http_error.hpp"

namespace sonic::serve {
namespace {

[[noreturn]] void bad(const std::string& field, const std::string& problem) {
  throw HttpError(400, "bad_request", field + ": " + problem);
}

const nlohmann::json& array_at(const nlohmann::json& value, const std::string& field) {
  if (!value.is_array()) bad(field, "must be an array");
  return value;
}

// A row given as an object, or as values in the model's input order.
nlohmann::json row_of(const nlohmann::json& item, const std::vector<pipeline::ModelInput>& inputs,
                      const std::string& field) {
  if (item.is_object()) return item;
  if (!item.is_array()) bad(field, "must be an object of column → value or an array of values");
  if (item.size() != inputs.size()) {
    bad(field, "has " + std::to_string(item.size()) + " values; the model takes " + std::to_string(inputs.size()));
  }
  nlohmann::json row = nlohmann::json::object();
  for (std::size_t i = 0; i < inputs.size(); ++i) row[inputs[i].name] = item[i];
  return row;
}

std::vector<nlohmann::json> split_rows(const nlohmann::json& split) {
  if (!split.is_object()) bad("dataframe_split", "must be an object with columns and data");
  if (!split.contains("columns")) bad("dataframe_split.columns", "is missing");
  if (!split.contains("data")) bad("dataframe_split.data", "is missing");
  const auto& columns = array_at(split["columns"], "dataframe_split.columns");
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (!columns[c].is_string()) bad("dataframe_split.columns[" + std::to_string(c) + "]", "must be a string");
  }
  std::vector<nlohmann::json> rows;
  const auto& data = array_at(split["data"], "dataframe_split.data");
  for (std::size_t r = 0; r < data.size(); ++r) {
    const std::string field = "dataframe_split.data[" + std::to_string(r) + "]";
    if (!data[r].is_array() || data[r].size() != columns.size()) {
      bad(field, "must be an array of " + std::to_string(columns.size()) + " values, one per column");
    }
    nlohmann::json row = nlohmann::json::object();
    for (std::size_t c = 0; c < columns.size(); ++c) row[columns[c].get<std::string>()] = data[r][c];
    rows.push_back(std::move(row));
  }
  return rows;
}

// {"inputs": {"valence": [0.1, 0.2], "energy": [0.5, 0.6]}}: one row per index.
std::vector<nlohmann::json> columnar_rows(const nlohmann::json& columns, const std::string& field) {
  std::size_t count = 0;
  bool first = true;
  for (const auto& [name, values] : columns.items()) {
    const std::string where = field + "." + name;
    if (!values.is_array()) bad(where, "must be an array with one value per row");
    if (!first && values.size() != count)
      bad(where, "has " + std::to_string(values.size()) + " values, not " + std::to_string(count));
    count = values.size();
    first = false;
  }
  std::vector<nlohmann::json> rows(count == 0 && first ? 1 : count, nlohmann::json::object());
  for (const auto& [name, values] : columns.items()) {
    for (std::size_t r = 0; r < values.size(); ++r) rows[r][name] = values[r];
  }
  return rows;
}

std::vector<nlohmann::json> list_rows(const nlohmann::json& items, const std::vector<pipeline::ModelInput>& inputs,
                                      const std::string& field) {
  std::vector<nlohmann::json> rows;
  const auto& list = array_at(items, field);
  for (std::size_t r = 0; r < list.size(); ++r)
    rows.push_back(row_of(list[r], inputs, field + "[" + std::to_string(r) + "]"));
  return rows;
}

}  // namespace

std::vector<nlohmann::json> mlflow_rows(const nlohmann::json& body, const std::vector<pipeline::ModelInput>& inputs) {
  if (!body.is_object()) bad("body", "must be a JSON object");
  static const char* kFormats[] = {"dataframe_split", "dataframe_records", "instances", "inputs"};
  const char* format = nullptr;
  for (const char* name : kFormats) {
    if (!body.contains(name)) continue;
    if (format != nullptr) bad("body", std::string("has both '") + format + "' and '" + name + "'; give exactly one");
    format = name;
  }
  if (format == nullptr) bad("body", "needs one of dataframe_split, dataframe_records, instances or inputs");
  const std::string name = format;
  std::vector<nlohmann::json> rows;
  if (name == "dataframe_split") {
    rows = split_rows(body[name]);
  } else if (name == "inputs" && body[name].is_object()) {
    rows = columnar_rows(body[name], name);
  } else if (name == "dataframe_records") {
    rows = list_rows(body[name], {}, name);
  } else {
    rows = list_rows(body[name], inputs, name);
  }
  if (rows.empty()) bad(name, "holds no row");
  return rows;
}

std::vector<nlohmann::json> inference_v2_rows(const nlohmann::json& body) {
  if (!body.is_object()) bad("body", "must be a JSON object");
  if (!body.contains("inputs")) bad("inputs", "is missing");
  nlohmann::json columns = nlohmann::json::object();
  const auto& inputs = array_at(body["inputs"], "inputs");
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const std::string field = "inputs[" + std::to_string(i) + "]";
    const auto& input = inputs[i];
    if (!input.is_object() || !input.contains("name") || !input["name"].is_string()) {
      bad(field + ".name", "must be a string");
    }
    if (!input.contains("data")) bad(field + ".data", "is missing");
    nlohmann::json data = input["data"];
    if (!data.is_array()) data = nlohmann::json::array({data});
    // A [n, 1] tensor arrives flattened or nested; one value per row either way.
    nlohmann::json flat = nlohmann::json::array();
    for (const auto& value : data) {
      if (value.is_array() && value.size() == 1) {
        flat.push_back(value[0]);
      } else if (value.is_array()) {
        bad(field + ".data", "must hold one value per row");
      } else {
        flat.push_back(value);
      }
    }
    columns[input["name"].get<std::string>()] = flat;
  }
  return columnar_rows(columns, "inputs");
}

}  // namespace sonic::serve
