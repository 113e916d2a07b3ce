#pragma once
// The constraint object as a language model fills it: the JSON schema sent with the request
// (structured output), and the reader that checks a reply against that schema and clamps every
// value into its range. The model never names tracks: the schema has no place for one.
//
//   const auto schema = constraint_schema(default_lexicon());
//   ... the model answers `reply` under that schema ...
//   const auto read = constraints_from_model(reply, default_lexicon());  // InputError when it does not conform
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sonic/playlist/constraints.hpp"
#include "sonic/playlist/lexicon.hpp"

namespace sonic::playlist {

// The schema's name in the request (OpenAI's json_schema.name).
inline constexpr const char* kConstraintSchemaName = "playlist_constraints";
// The longest name and description a model may give (longer ones are cut, not refused).
inline constexpr std::size_t kModelNameBytes = 80;
inline constexpr std::size_t kModelDescriptionBytes = 200;

// A schema in the form OpenAI's strict mode accepts (every property required, nullable by a
// "null" type, no additional properties), which llama.cpp and Ollama also take. Every number is a
// bounded integer (features from 0 to 1 as percentages, tempo in beats per minute), so a grammar
// can bound it. The moods are the lexicon's, so a lexicon edit reaches the model too.
nlohmann::json constraint_schema(const Lexicon& lexicon);

struct ModelConstraints {
  Constraints constraints;            // source = "model"
  std::vector<std::string> adjusted;  // "energy low 140 clamped to 100", "tempo range turned the right way up"
};

// Reads a reply: an InputError naming the place ("at /ranges/tempo/low: expected a number, found a
// string") when it breaks the schema; numbers outside their bounds are clamped and said so, and
// percentages become the constraint object's 0-1 values.
ModelConstraints constraints_from_model(const nlohmann::json& reply, const Lexicon& lexicon);

}  // namespace sonic::playlist
