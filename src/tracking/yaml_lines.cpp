#include "yaml_lines.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <sstream>

namespace sonic::tracking {
namespace {

bool is_plain_safe(const std::string& value) {
  if (value.empty()) return false;
  const unsigned char first = static_cast<unsigned char>(value.front());
  if (!std::isalpha(first) && first != '_') return false;  // digits would read as numbers
  const bool simple = std::all_of(value.begin(), value.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || c == '_' || c == '-' || c == '.';
  });
  if (!simple) return false;
  static constexpr std::array kReserved = {"null",  "Null",  "NULL", "true", "True", "TRUE", "false",
                                           "False", "FALSE", "yes",  "Yes",  "no",   "No",   "on",
                                           "On",    "off",   "Off",  "y",    "n",    "Y",    "N"};
  return std::find(kReserved.begin(), kReserved.end(), value) == kReserved.end();
}

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  const auto end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

std::optional<std::string> scalar_value(const std::string& raw) {
  const std::string value = trim(raw);
  if (value == "null" || value == "~" || value.empty()) return std::nullopt;
  if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'') {
    std::string out;
    for (std::size_t i = 1; i + 1 < value.size(); ++i) {
      out += value[i];
      if (value[i] == '\'' && value[i + 1] == '\'') ++i;
    }
    return out;
  }
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    return value.substr(1, value.size() - 2);  // sonic never writes escapes inside these
  }
  return value;
}

}  // namespace

std::string yaml_string(const std::string& value) {
  if (is_plain_safe(value)) return value;
  std::string quoted = "'";
  for (char c : value) {
    quoted += c;
    if (c == '\'') quoted += '\'';
  }
  return quoted + "'";
}

std::string yaml_number(std::int64_t value) { return std::to_string(value); }

std::string render_yaml(const YamlMap& map) {
  std::string text;
  for (const auto& [key, value] : map) text += key + ": " + value + "\n";
  return text;
}

std::optional<std::map<std::string, std::optional<std::string>>> read_flat_yaml(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  std::map<std::string, std::optional<std::string>> map;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == ' ' || line.front() == '#' || line.front() == '-') continue;
    const auto colon = line.find(": ");
    if (colon == std::string::npos) {
      if (!line.empty() && line.back() == ':') map[line.substr(0, line.size() - 1)] = std::nullopt;
      continue;
    }
    map[line.substr(0, colon)] = scalar_value(line.substr(colon + 2));
  }
  return map;
}

}  // namespace sonic::tracking
