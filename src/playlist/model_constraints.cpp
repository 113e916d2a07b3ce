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

nlohmann::json names_of(const nlohmann::json& properties) {
  nlohmann::json names = nlohmann::json::array();
  for (const auto& [name, unused] : properties.items()) names.push_back(name);
  return names;
}

nlohmann::json object_of(const nlohmann::json& properties, const nlohmann::json& required) {
  return {{"type", "object"}, {"properties", properties}, {"required", required}, {"additionalProperties", false}};
}

nlohmann::json described(nlohmann::json schema, const std::string& description) {
  schema["description"] = description;
  return schema;
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

// A property of a reply that conforms to the compact schema: one left out reads as null.
nlohmann::json field(const nlohmann::json& object, const char* name) {
  const auto found = object.find(name);
  return found == object.end() ? nlohmann::json() : *found;
}

std::optional<std::string> optional_text(const nlohmann::json& value) {
  if (value.is_null()) return std::nullopt;
  return value.get<std::string>();
}

// The model's own words, one line: control characters become spaces, cut at `characters`; empty
// means none.
std::optional<std::string> one_line(const nlohmann::json& value, std::size_t characters) {
  if (value.is_null()) return std::nullopt;
  std::string text = value.get<std::string>();
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return std::nullopt;
  text = text.substr(first, text.find_last_not_of(' ') - first + 1);
  return utf8_prefix_characters(text, characters);
}

// The model writes whole numbers: a grammar-constrained server (llama.cpp, Ollama) can bound an
// integer's digits but not a float's, and a small model left to write a float may never stop.
// Features from 0 to 1 are therefore asked as percentages, tempo in whole beats per minute.
double model_scale(const std::string& feature) {
  const FeatureRange domain = feature_domain(feature);
  return domain.high <= 1 ? 100 : 1;
}

std::string feature_unit(const std::string& feature) {
  if (model_scale(feature) == 1) return "Beats per minute.";
  return feature == "valence" ? "Percent; how happy it sounds." : "Percent.";
}

std::pair<int, int> model_bounds(const std::string& feature) {
  const FeatureRange domain = feature_domain(feature);
  const double scale = model_scale(feature);
  return {static_cast<int>(std::lround(domain.low * scale)), static_cast<int>(std::lround(domain.high * scale))};
}

// A one-line text of at most `characters`, as a pattern: OpenAI's strict mode refuses maxLength
// but takes a pattern, and llama.cpp's grammar bounds it (a small model's string otherwise runs
// to the token limit). The reader cuts to characters and to one line anyway; sonic's checker
// ignores patterns.
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

nlohmann::json constraint_schema(const Lexicon& lexicon, SchemaForm form) {
  const bool strict = form == SchemaForm::strict;
  nlohmann::json ranges = nlohmann::json::object();
  for (const char* feature : kPlaylistFeatures) {
    const auto [low, high] = model_bounds(feature);
    ranges[feature] =
        described(nullable(object_of({{"low", bounded_integer(low, high)}, {"high", bounded_integer(low, high)}},
                                     {"low", "high"})),
                  feature_unit(feature));
  }
  std::set<std::string> moods;
  for (const auto& entry : lexicon.entries) {
    if (entry.mood) moods.insert(*entry.mood);
  }
  const auto& limits = lexicon.limits;
  const nlohmann::json properties = {
      {"ranges", described(object_of(ranges, strict ? names_of(ranges) : nlohmann::json::array()),
                           "Only the features the request implies.")},
      {"time_of_day", described(nullable(text_enum({"morning", "afternoon", "evening", "night"})),
                                "Only when the request names one.")},
      {"day_type", described(nullable(text_enum({"weekday", "weekend"})), "Only when the request names one.")},
      {"mood", described(nullable(text_enum({moods.begin(), moods.end()})), "Only when the request asks for one.")},
      {"discovery_percent",
       described(bounded_integer(0, 100), "Share of music new to the person; 0 = only their own.")},
      {"songs", described(nullable(bounded_integer(limits.min_songs, limits.max_songs)), "The size asked for.")},
      {"minutes",
       described(nullable(bounded_integer(limits.min_minutes, limits.max_minutes)), "The length asked for.")},
      {"ordering", described(text_enum({"steady", "build_up", "wind_down"}),
                             "build_up: rising energy; wind_down: falling energy.")},
      {"name", described(nullable(one_line_text(kModelNameCharacters)), "A short title.")},
      {"description", described(nullable(one_line_text(kModelDescriptionCharacters)), "One line about the playlist.")},
  };
  return object_of(properties,
                   strict ? names_of(properties) : nlohmann::json{"ranges", "discovery_percent", "ordering"});
}

ModelConstraints constraints_from_model(const nlohmann::json& reply, const Lexicon& lexicon) {
  // The compact form: a strict reply conforms to it too. The bounds guide the model; a server
  // that ignores them gets its numbers clamped, not refused.
  if (auto problem = json_schema_violation(reply, without_bounds(constraint_schema(lexicon, SchemaForm::compact)))) {
    throw InputError("the model's constraints break their schema " + *problem);
  }
  ModelConstraints read;
  auto& constraints = read.constraints;
  auto& notes = read.adjusted;
  for (const char* feature : kPlaylistFeatures) {
    const auto range = field(reply["ranges"], feature);
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
  constraints.time_of_day = optional_text(field(reply, "time_of_day"));
  constraints.day_type = optional_text(field(reply, "day_type"));
  constraints.mood = optional_text(field(reply, "mood"));
  constraints.discovery_share =
      clamp_noted(reply["discovery_percent"].get<double>(), 0, 100, "discovery_percent", notes) / 100;
  const auto& limits = lexicon.limits;
  constraints.size.songs = lexicon.default_size_songs;
  if (const auto songs = field(reply, "songs"); !songs.is_null()) {
    constraints.size.songs =
        static_cast<int>(clamp_noted(songs.get<double>(), limits.min_songs, limits.max_songs, "songs", notes));
  }
  if (const auto minutes = field(reply, "minutes"); !minutes.is_null()) {
    constraints.size.minutes =
        static_cast<int>(clamp_noted(minutes.get<double>(), limits.min_minutes, limits.max_minutes, "minutes", notes));
  }
  constraints.ordering = ordering_named(reply["ordering"].get<std::string>());
  constraints.name = one_line(field(reply, "name"), kModelNameCharacters);
  constraints.description = one_line(field(reply, "description"), kModelDescriptionCharacters);
  constraints.source = "model";
  return read;
}

nlohmann::json to_model_shape(const Constraints& constraints) {
  nlohmann::json ranges = nlohmann::json::object();
  for (const auto& [feature, range] : constraints.ranges) {
    const double scale = model_scale(feature);
    ranges[feature] = {{"low", std::lround(range.low * scale)}, {"high", std::lround(range.high * scale)}};
  }
  nlohmann::json shape = {{"ranges", ranges},
                          {"discovery_percent", std::lround(constraints.discovery_share * 100)},
                          {"songs", constraints.size.songs},
                          {"ordering", ordering_name(constraints.ordering)}};
  const std::pair<const char*, const std::optional<std::string>*> texts[] = {{"time_of_day", &constraints.time_of_day},
                                                                             {"day_type", &constraints.day_type},
                                                                             {"mood", &constraints.mood},
                                                                             {"name", &constraints.name},
                                                                             {"description", &constraints.description}};
  for (const auto& [name, text] : texts) {
    if (*text) shape[name] = **text;
  }
  if (constraints.size.minutes) shape["minutes"] = *constraints.size.minutes;
  return shape;
}

}  // namespace sonic::playlist
