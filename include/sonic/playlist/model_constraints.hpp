#pragma once
// The constraint object as a language model fills it: the JSON schema sent with the request
// (structured output), and the reader that checks a reply against that schema and clamps every
// value into its range. The model never names tracks: the schema has no place for one.
//
//   const auto schema = constraint_schema(default_lexicon(), SchemaForm::compact);
//   ... the model answers `reply` under that schema, given to_model_shape(parser_reading) as a hint ...
//   const auto read = constraints_from_model(reply, default_lexicon());  // InputError when it does not conform
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sonic/playlist/constraints.hpp"
#include "sonic/playlist/lexicon.hpp"

namespace sonic::playlist {

// The schema's name in the request (OpenAI's json_schema.name).
inline constexpr const char* kConstraintSchemaName = "playlist_constraints";
// The longest name and description a model may give, in characters: a title and one line are
// all a playlist needs, and each character is a token or more that a small model must write
// before its context ends. The schema's pattern says so; longer ones are cut, not refused.
inline constexpr std::size_t kModelNameCharacters = 40;
inline constexpr std::size_t kModelDescriptionCharacters = 120;

// Which properties a reply must write.
//  - strict: every property required, "not said" written as null: the only form OpenAI's strict
//    mode accepts (it refuses a schema with an optional property).
//  - compact: only ranges, discovery_percent and ordering required; anything else (a feature's
//    range, time of day, mood, size, name, description) may be left out. A grammar-constrained
//    server (llama.cpp, Ollama) then lets the model stop after what the request says instead of
//    writing every field; the reply is a third as long.
// Both: no additional properties, nullable by a "null" type, every number a bounded integer
// (features from 0 to 1 as percentages, tempo in beats per minute) so a grammar can bound its
// digits, texts bounded by a pattern, each property with a short description (what the model
// needs to know beyond the name; OpenAI shows it to the model, llama.cpp only enforces the rest).
// The moods are the lexicon's, so a lexicon edit reaches the model too.
enum class SchemaForm { strict, compact };
nlohmann::json constraint_schema(const Lexicon& lexicon, SchemaForm form);

struct ModelConstraints {
  Constraints constraints;            // source = "model"
  std::vector<std::string> adjusted;  // "energy low 140 clamped to 100", "tempo range turned the right way up"
};

// Reads a reply in either form: an InputError naming the place ("at /ranges/tempo/low: expected a
// number, found a string") when it breaks the compact schema; numbers outside their bounds are
// clamped and said so, and percentages become the constraint object's 0-1 values. A property
// left out reads as null: no range for that feature, no time of day, day type or mood, the
// lexicon's default size (songs and minutes both absent), no name or description.
ModelConstraints constraints_from_model(const nlohmann::json& reply, const Lexicon& lexicon);

// `constraints` in the reply's own shape and units (percentages, discovery_percent, songs or
// minutes), leaving out what is not set: the parser's reading as the model is shown it, so it
// can keep what is right by copying. constraints_from_model reads it back to the same object
// (for ranges on whole percentages), with source "model".
nlohmann::json to_model_shape(const Constraints& constraints);

}  // namespace sonic::playlist
