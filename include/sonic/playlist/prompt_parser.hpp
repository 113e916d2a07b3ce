#pragma once
// The deterministic prompt parser: "give me high energy morning music, not sad, 20 songs" ->
// Constraints. Words and phrases come from the lexicon (longest phrase first, one typo allowed
// in a word of four letters or more, two from seven), "not"/"no"/"without" negate the next
// entry, numbers with a unit set the size, and every word it does not know is reported.
#include <string_view>

#include "sonic/playlist/constraints.hpp"
#include "sonic/playlist/lexicon.hpp"

namespace sonic::playlist {

struct ParsedPrompt {
  Constraints constraints;
  ParseNotes notes;
};

// A UsageError (exit 2) naming the problem for an empty prompt, one longer than the lexicon's
// limit, one holding a control character (tab and line breaks are spaces), or a size outside
// the limits ("0 songs", "10000 songs", "0 minutes").
ParsedPrompt parse_prompt(std::string_view prompt, const Lexicon& lexicon = default_lexicon());

// The prompt checks alone (used before a language model sees the text).
void check_prompt_text(std::string_view prompt, const PromptLimits& limits);

// The optimal-string-alignment distance (Damerau-Levenshtein without repeated edits), in bytes.
int edit_distance(std::string_view a, std::string_view b);

}  // namespace sonic::playlist
