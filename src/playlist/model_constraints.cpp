#include "sonic/playlist/model_constraints.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <utility>

#include "sonic/core/error.hpp"
#include "sonic/core/json_schema.hpp"
#include "sonic/core/utf8.hpp"

namespace sonic::playlist {
namespace {

nlohmann::json nullable(nlohmann::json schema) {
  schema["type"] = nlohmann::json::array({schema["type"], "null"});
  if (schema.contains("enum")) schema["enum"].push_back(nullptr);
  return schema;
}

nlohmann::json strict_object(const nlohmann::json& properties) {
  nlohmann::json required = nlohmann::json::array();
  for (const auto& [name, unused] : properties.items()) required.push_back(name);
  return {{"type", "object"}, {"properties", properties}, {"required", required}, {"additionalProperties", false}};
}

nlohmann::json text_enum(const std::vector<std::string>& values) { return {{"type", "string"}, {"enum", values}}; }

std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

// Keeps `value` inside [low, high], noting a change under `what`.
double clamp_noted(double value, double low, double high, const std::string& what, std::vector<std::string>& notes) {
  const double clamped = std::clamp(value, low, high);
  if (clamped != value) notes.push_back(what + " " + number_text(value) + " clamped to " + number_text(clamped));
  return clamped;
}

std::optional<std::string> optional_text(const nlohmann::json& value) {
  if (value.is_null()) return std::nullopt;
  return value.get<std::string>();
}

// The model's own words, one line: control characters become spaces, cut at `max_bytes` on a
// character boundary; empty means none.
std::optional<std::string> one_line(const nlohmann::json& value, std::size_t max_bytes) {
  if (value.is_null()) return std::nullopt;
  std::string text = value.get<std::string>();
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return std::nullopt;
  text = text.substr(first, text.find_last_not_of(' ') - first + 1);
  return utf8_prefix(text, max_bytes);
}

// The model writes whole numbers: a grammar-constrained server (llama.cpp, Ollama) can bound an
// integer's digits but not a float's, and a small model left to write a float may never stop.
// Features from 0 to 1 are therefore asked as percentages, tempo in whole beats per minute.
double model_scale(const std::string& feature) {
  const FeatureRange domain = feature_domain(feature);
  return domain.high <= 1 ? 100 : 1;
}

std::pair<int, int> model_bounds(const std::string& feature) {
  const FeatureRange domain = feature_domain(feature);
  const double scale = model_scale(feature);
  return {static_cast<int>(std::lround(domain.low * scale)), static_cast<int>(std::lround(domain.high * scale))};
}

// A one-line text of at most `characters`, as a pattern: OpenAI's strict mode refuses maxLength
// but takes a pattern, and llama.cpp's grammar bounds it (a small model's string otherwise runs
// to the token limit). The reader cuts to bytes and to one line anyway; sonic's checker ignores
// patterns.
nlohmann::json one_line_text(std::size_t characters) {
  return {{"type", "string"}, {"pattern", "^[^\\n]{0," + std::to_string(characters) + "}$"}};
}

nlohmann::json bounded_integer(int low, int high) { return {{"type", "integer"}, {"minimum", low}, {"maximum", high}}; }

// The schema without its numeric bounds, recursively.
nlohmann::json without_bounds(nlohmann::json schema) {
  if (!schema.is_object()) return schema;
  schema.erase("minimum");
  schema.erase("maximum");
  for (auto& [name, member] : schema.items()) member = without_bounds(member);
  return schema;
}

Ordering ordering_named(const std::string& name) {
  if (name == "build_up") return Ordering::build_up;
  if (name == "wind_down") return Ordering::wind_down;
  return Ordering::steady;
}

}  // namespace

nlohmann::json constraint_schema(const Lexicon& lexicon) {
  nlohmann::json ranges = nlohmann::json::object();
  for (const char* feature : kPlaylistFeatures) {
    const auto [low, high] = model_bounds(feature);
    ranges[feature] =
        nullable(strict_object({{"low", bounded_integer(low, high)}, {"high", bounded_integer(low, high)}}));
  }
  std::set<std::string> moods;
  for (const auto& entry : lexicon.entries) {
    if (entry.mood) moods.insert(*entry.mood);
  }
  const auto& limits = lexicon.limits;
  return strict_object({
      {"ranges", strict_object(ranges)},
      {"time_of_day", nullable(text_enum({"morning", "afternoon", "evening", "night"}))},
      {"day_type", nullable(text_enum({"weekday", "weekend"}))},
      {"mood", nullable(text_enum({moods.begin(), moods.end()}))},
      {"discovery_percent", bounded_integer(0, 100)},
      {"songs", nullable(bounded_integer(limits.min_songs, limits.max_songs))},
      {"minutes", nullable(bounded_integer(limits.min_minutes, limits.max_minutes))},
      {"ordering", text_enum({"steady", "build_up", "wind_down"})},
      {"name", nullable(one_line_text(kModelNameBytes))},
      {"description", nullable(one_line_text(kModelDescriptionBytes))},
  });
}

ModelConstraints constraints_from_model(const nlohmann::json& reply, const Lexicon& lexicon) {
  // The bounds guide the model; a server that ignores them gets its numbers clamped, not refused.
  if (auto problem = json_schema_violation(reply, without_bounds(constraint_schema(lexicon)))) {
    throw InputError("the model's constraints break their schema " + *problem);
  }
  ModelConstraints read;
  auto& constraints = read.constraints;
  auto& notes = read.adjusted;
  for (const char* feature : kPlaylistFeatures) {
    const auto& range = reply["ranges"][feature];
    if (range.is_null()) continue;
    const auto [bound_low, bound_high] = model_bounds(feature);
    const std::string name = feature;
    double low = clamp_noted(range["low"].get<double>(), bound_low, bound_high, name + " low", notes);
    double high = clamp_noted(range["high"].get<double>(), bound_low, bound_high, name + " high", notes);
    if (low > high) {
      std::swap(low, high);
      notes.push_back(name + " range turned the right way up");
    }
    const double scale = model_scale(feature);
    constraints.ranges[feature] = {low / scale, high / scale};
  }
  constraints.time_of_day = optional_text(reply["time_of_day"]);
  constraints.day_type = optional_text(reply["day_type"]);
  constraints.mood = optional_text(reply["mood"]);
  constraints.discovery_share =
      clamp_noted(reply["discovery_percent"].get<double>(), 0, 100, "discovery_percent", notes) / 100;
  const auto& limits = lexicon.limits;
  constraints.size.songs = lexicon.default_size_songs;
  if (!reply["songs"].is_null()) {
    constraints.size.songs =
        static_cast<int>(clamp_noted(reply["songs"].get<double>(), limits.min_songs, limits.max_songs, "songs", notes));
  }
  if (!reply["minutes"].is_null()) {
    constraints.size.minutes = static_cast<int>(
        clamp_noted(reply["minutes"].get<double>(), limits.min_minutes, limits.max_minutes, "minutes", notes));
  }
  constraints.ordering = ordering_named(reply["ordering"].get<std::string>());
  constraints.name = one_line(reply["name"], kModelNameBytes);
  constraints.description = one_line(reply["description"], kModelDescriptionBytes);
  constraints.source = "model";
  return read;
}

}  // namespace sonic::playlist
