#include "sonic/playlist/lexicon.hpp"

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "playlist/embedded_lexicon.hpp"
#include "sonic/core/error.hpp"

namespace sonic::playlist {
namespace {

std::vector<std::string> split_words(const std::string& phrase) {
  std::vector<std::string> words;
  std::istringstream in(phrase);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

std::optional<Ordering> ordering_named(const std::string& name) {
  if (name == "steady") return Ordering::steady;
  if (name == "build_up") return Ordering::build_up;
  if (name == "wind_down") return Ordering::wind_down;
  return std::nullopt;
}

LexiconEntry parse_entry(const nlohmann::json& item, const std::string& where) {
  LexiconEntry entry;
  const std::string phrase = item.at("phrase").get<std::string>();
  entry.words = split_words(phrase);
  if (entry.words.empty()) throw InputError(where + ": an entry has an empty phrase");
  const std::string at = where + ", entry '" + phrase + "'";
  if (item.contains("ranges")) {
    for (const auto& [feature, bounds] : item.at("ranges").items()) {
      FeatureRange domain;
      try {
        domain = feature_domain(feature);
      } catch (const UsageError&) {
        throw InputError(at + ": no feature named '" + feature + "'");
      }
      const FeatureRange range{bounds.at(0).get<double>(), bounds.at(1).get<double>()};
      if (!(range.low <= range.high) || range.low < domain.low || range.high > domain.high) {
        throw InputError(at + ": the range of " + feature + " is upside down or outside its scale");
      }
      entry.ranges[feature] = range;
    }
  }
  if (item.contains("mood")) entry.mood = item.at("mood").get<std::string>();
  if (item.contains("time_of_day")) entry.time_of_day = item.at("time_of_day").get<std::string>();
  if (item.contains("day_type")) entry.day_type = item.at("day_type").get<std::string>();
  if (item.contains("ordering")) {
    entry.ordering = ordering_named(item.at("ordering").get<std::string>());
    if (!entry.ordering) throw InputError(at + ": no ordering named " + item.at("ordering").dump());
  }
  if (item.contains("discovery")) {
    entry.discovery = item.at("discovery").get<double>();
    if (*entry.discovery < 0 || *entry.discovery > 1) throw InputError(at + ": discovery must lie in 0..1");
  }
  return entry;
}

std::string lexicon_text() {
  if (const char* path = std::getenv("SONIC_PLAYLIST_LEXICON"); path && *path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError(std::string("cannot read the playlist lexicon ") + path + " (SONIC_PLAYLIST_LEXICON)");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  return embedded_lexicon();
}

}  // namespace

std::string LexiconEntry::phrase() const {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

Lexicon parse_lexicon(std::string_view json_text, const std::string& where) {
  try {
    const auto document = nlohmann::json::parse(json_text);
    if (document.value("format", "") != "sonic.playlist_lexicon") {
      throw InputError(where + " is not a sonic playlist lexicon (no \"format\": \"sonic.playlist_lexicon\")");
    }
    Lexicon lexicon;
    lexicon.version = document.at("version").get<int>();
    lexicon.default_size_songs = document.value("default_size_songs", 25);
    if (document.contains("limits")) {
      const auto& limits = document.at("limits");
      lexicon.limits = {limits.at("min_songs").get<int>(), limits.at("max_songs").get<int>(),
                        limits.at("min_minutes").get<int>(), limits.at("max_minutes").get<int>(),
                        limits.at("max_prompt_characters").get<int>()};
    }
    for (const auto& item : document.at("entries")) lexicon.entries.push_back(parse_entry(item, where));
    for (const auto& word : document.value("stopwords", nlohmann::json::array())) lexicon.stopwords.insert(word);
    for (const auto& word : document.value("negations", nlohmann::json::array())) lexicon.negations.insert(word);
    // Named copies: items() of a temporary would outlive it.
    const auto number_words = document.value("number_words", nlohmann::json::object());
    const auto size_units = document.value("size_units", nlohmann::json::object());
    for (const auto& [word, value] : number_words.items()) {
      lexicon.number_words[word] = value.get<int>();
    }
    for (const auto& [word, unit] : size_units.items()) {
      const std::string name = unit.get<std::string>();
      if (name != "songs" && name != "minutes" && name != "hours") {
        throw InputError(where + ": size unit '" + word + "' must be songs, minutes or hours");
      }
      lexicon.size_units[word] = name;
    }
    return lexicon;
  } catch (const nlohmann::json::exception& error) {
    throw InputError(where + " is not a valid playlist lexicon: " + error.what());
  }
}

const Lexicon& default_lexicon() {
  static const Lexicon lexicon = [] {
    const char* path = std::getenv("SONIC_PLAYLIST_LEXICON");
    return parse_lexicon(lexicon_text(),
                         path && *path ? std::string(path) : std::string("the embedded playlist lexicon"));
  }();
  return lexicon;
}

}  // namespace sonic::playlist
