#pragma once
// The playlist lexicon: words and phrases of a prompt and what each asks for, read from the
// versioned data file data/playlist_lexicon.json (compiled in; SONIC_PLAYLIST_LEXICON names a
// file to read instead, to try an edit without rebuilding).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sonic/playlist/constraints.hpp"

namespace sonic::playlist {

struct LexiconEntry {
  std::vector<std::string> words;  // the phrase, split at spaces: {"high", "energy"}
  std::map<std::string, FeatureRange> ranges;
  std::optional<std::string> mood;
  std::optional<std::string> time_of_day;
  std::optional<std::string> day_type;
  std::optional<Ordering> ordering;
  std::optional<double> discovery;

  std::string phrase() const;
};

struct PromptLimits {
  int min_songs = 1;
  int max_songs = 500;
  int min_minutes = 5;
  int max_minutes = 1440;
  int max_prompt_characters = 2000;
};

struct Lexicon {
  int version = 0;
  int default_size_songs = 25;
  PromptLimits limits;
  std::vector<LexiconEntry> entries;
  std::set<std::string> stopwords;
  std::set<std::string> negations;
  std::map<std::string, int> number_words;
  std::map<std::string, std::string> size_units;  // word -> songs | minutes | hours
};

// Parses a lexicon document; an InputError names `where` and what is wrong (an unknown feature,
// a range outside its domain or upside down, an unknown ordering).
Lexicon parse_lexicon(std::string_view json_text, const std::string& where);

// The embedded lexicon, or the file SONIC_PLAYLIST_LEXICON names. Parsed once per process.
const Lexicon& default_lexicon();

}  // namespace sonic::playlist
