#pragma once
// The little YAML MLflow's file store uses: flat "key: value" maps, block style, keys sorted.
// Strings are single-quoted unless they are plainly safe, so a value like '0' or 'null' stays a
// string for PyYAML's safe loader.
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace sonic::tracking {

// A scalar already rendered as YAML (a number, null, or a string through yaml_string).
using YamlMap = std::map<std::string, std::string>;

std::string yaml_string(const std::string& value);
std::string yaml_number(std::int64_t value);
inline std::string yaml_null() { return "null"; }

// Sorted "key: value" lines (std::map keeps them sorted).
std::string render_yaml(const YamlMap& map);

// Reads a flat map back: quotes removed, '' unescaped, "null" and "~" as nullopt values. Lines
// that are not "key: value" (comments, lists) are ignored. Nullopt when the file is unreadable.
std::optional<std::map<std::string, std::optional<std::string>>> read_flat_yaml(const std::filesystem::path& file);

}  // namespace sonic::tracking
