#include "sonic/playlist/prompt_parser.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <limits>
#include <set>

#include "sonic/core/error.hpp"

namespace sonic::playlist {
namespace {

int utf8_characters(std::string_view text) {
  return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Lower-case words: letters, digits, apostrophes, '%', and '.' between digits ("1.5"); bytes of
// other scripts stay inside words, so they are reported as unknown rather than dropped.
std::vector<std::string> tokenize(std::string_view prompt) {
  std::vector<std::string> tokens;
  std::string word;
  for (std::size_t i = 0; i < prompt.size(); ++i) {
    const auto c = static_cast<unsigned char>(prompt[i]);
    const bool digit_dot = c == '.' && !word.empty() && std::isdigit(static_cast<unsigned char>(word.back())) &&
                           i + 1 < prompt.size() && std::isdigit(static_cast<unsigned char>(prompt[i + 1]));
    if (std::isalnum(c) || c == '\'' || c == '%' || c >= 0x80 || digit_dot) {
      word += static_cast<char>(std::tolower(c));
    } else if (!word.empty()) {
      tokens.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) tokens.push_back(word);
  for (auto& token : tokens) {  // "'sad'" -> "sad"; "don't" keeps its apostrophe
    while (!token.empty() && token.front() == '\'') token.erase(token.begin());
    while (!token.empty() && token.back() == '\'') token.pop_back();
  }
  std::erase_if(tokens, [](const std::string& token) { return token.empty(); });
  return tokens;
}

std::optional<double> number_of(const std::string& token, const Lexicon& lexicon) {
  if (const auto found = lexicon.number_words.find(token); found != lexicon.number_words.end()) return found->second;
  if (token.empty() || token.size() > 9 || !std::isdigit(static_cast<unsigned char>(token.front())))
    return std::nullopt;
  std::size_t used = 0;
  try {
    const double value = std::stod(token, &used);
    if (used == token.size()) return value;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

FeatureRange complement(const FeatureRange& range, const FeatureRange& domain) {
  // The larger side outside the range: "not sad" (valence 0..0.35) is 0.35..1.
  if (range.low - domain.low >= domain.high - range.high) return {domain.low, range.low};
  return {range.high, domain.high};
}

class Parser {
 public:
  Parser(const Lexicon& lexicon) : lexicon_(lexicon) {
    for (const auto& entry : lexicon.entries) {
      known_.insert(entry.words.begin(), entry.words.end());
      longest_ = std::max(longest_, entry.words.size());
    }
    known_.insert(lexicon.stopwords.begin(), lexicon.stopwords.end());
    known_.insert(lexicon.negations.begin(), lexicon.negations.end());
    for (const auto& [word, value] : lexicon.number_words) known_.insert(word);
    for (const auto& [word, unit] : lexicon.size_units) known_.insert(word);
    result_.constraints.size.songs = lexicon.default_size_songs;
  }

  ParsedPrompt parse(const std::vector<std::string>& tokens) {
    tokens_ = &tokens;
    std::size_t i = 0;
    int negation_reach = 0;  // tokens left in which a negation still applies
    while (i < tokens.size()) {
      if (const std::size_t used = read_quantity(i)) {
        i += used;
        negation_reach = 0;
        continue;
      }
      if (const auto match = best_entry(i)) {
        apply(*match, i, negation_reach > 0);
        i += match->entry->words.size();
        negation_reach = 0;
        continue;
      }
      const std::string& token = tokens[i];
      if (lexicon_.negations.contains(token)) {
        negation_reach = 4;
      } else if (lexicon_.stopwords.contains(token) || lexicon_.number_words.contains(token) ||
                 lexicon_.size_units.contains(token)) {
        negation_reach = std::max(0, negation_reach - 1);
      } else {
        if (std::find(result_.notes.unknown.begin(), result_.notes.unknown.end(), token) ==
            result_.notes.unknown.end()) {
          result_.notes.unknown.push_back(token);
        }
        negation_reach = 0;
      }
      ++i;
    }
    return result_;
  }

 private:
  struct Match {
    const LexiconEntry* entry = nullptr;
    int distance = 0;
  };

  const std::string& token(std::size_t i) const { return (*tokens_)[i]; }
  bool has(std::size_t i) const { return i < tokens_->size(); }

  int word_distance(const std::string& token, const std::string& word) const {
    if (token == word) return 0;
    // A word the lexicon knows as itself is never taken for another ("sad" is not "and").
    if (known_.contains(token) || word.size() < 4 || token.size() < 3) return std::numeric_limits<int>::max();
    const int allowed = word.size() >= 7 ? 2 : 1;
    const int distance = edit_distance(token, word);
    return distance <= allowed ? distance : std::numeric_limits<int>::max();
  }

  std::optional<Match> best_entry(std::size_t i) const {
    for (std::size_t length = std::min(longest_, tokens_->size() - i); length >= 1; --length) {
      std::optional<Match> best;
      for (const auto& entry : lexicon_.entries) {
        if (entry.words.size() != length) continue;
        int total = 0;
        for (std::size_t k = 0; k < length && total != std::numeric_limits<int>::max(); ++k) {
          const int distance = word_distance(token(i + k), entry.words[k]);
          total = distance == std::numeric_limits<int>::max() ? distance : total + distance;
        }
        if (total == std::numeric_limits<int>::max()) continue;
        if (!best || total < best->distance) best = Match{&entry, total};
      }
      if (best) return best;
    }
    return std::nullopt;
  }

  // "20 songs", "an hour", "half an hour", "90 min", "120 bpm", "30% new": the tokens it used.
  std::size_t read_quantity(std::size_t i) {
    std::size_t at = i;
    double factor = 1;
    if (token(at) == "half" && has(at + 1)) {
      factor = 0.5;
      ++at;
    }
    std::string number_token = token(at);
    bool percent = false;
    if (number_token.size() > 1 && number_token.back() == '%') {
      number_token.pop_back();
      percent = true;
    }
    const auto number = number_of(number_token, lexicon_);
    if (!number) return 0;
    std::size_t unit_at = at + 1;
    if (has(unit_at) && token(unit_at) == "of") ++unit_at;  // "a couple of hours"
    if (percent || (has(at + 1) && token(at + 1) == "percent")) {
      const std::size_t after = percent ? at + 1 : at + 2;
      if (has(after) && (token(after) == "new" || token(after) == "discovery" || token(after) == "unfamiliar")) {
        result_.constraints.discovery_share = std::clamp(*number / 100.0, 0.0, 1.0);
        result_.notes.matched.push_back(number_token + "% new");
        return after + 1 - i;
      }
      return 0;
    }
    if (has(at + 1) && token(at + 1) == "bpm") {
      const double bpm = std::clamp(*number, 40.0, 220.0);
      merge_range("tempo", {std::max(40.0, bpm - 10), std::min(220.0, bpm + 10)}, number_token + " bpm", true);
      result_.notes.matched.push_back(number_token + " bpm");
      return at + 2 - i;
    }
    if (!has(unit_at)) return 0;
    const auto unit = lexicon_.size_units.find(token(unit_at));
    if (unit == lexicon_.size_units.end()) return 0;
    const double amount = *number * factor;
    const auto& limits = lexicon_.limits;
    char text[64];
    if (unit->second == "songs") {
      if (factor != 1 || amount < limits.min_songs || amount > limits.max_songs) {
        std::snprintf(text, sizeof text, "%g", amount);
        throw UsageError("the prompt asks for " + std::string(text) + " songs; a playlist holds " +
                         std::to_string(limits.min_songs) + " to " + std::to_string(limits.max_songs) + " songs");
      }
      result_.constraints.size = {static_cast<int>(amount), std::nullopt};
    } else {
      const double minutes = unit->second == "hours" ? amount * 60 : amount;
      if (minutes < limits.min_minutes || minutes > limits.max_minutes) {
        std::snprintf(text, sizeof text, "%g", minutes);
        throw UsageError("the prompt asks for " + std::string(text) + " minutes of music; a playlist lasts " +
                         std::to_string(limits.min_minutes) + " to " + std::to_string(limits.max_minutes) + " minutes");
      }
      result_.constraints.size.minutes = static_cast<int>(minutes + 0.5);
    }
    std::string phrase;
    for (std::size_t k = i; k <= unit_at; ++k) phrase += (phrase.empty() ? "" : " ") + token(k);
    result_.notes.matched.push_back(phrase);
    return unit_at + 1 - i;
  }

  // A number the person wrote ("120 bpm") outranks a word's range that does not overlap it.
  void merge_range(const std::string& feature, const FeatureRange& range, const std::string& phrase,
                   bool from_number = false) {
    auto& ranges = result_.constraints.ranges;
    const auto found = ranges.find(feature);
    if (found == ranges.end()) {
      ranges[feature] = range;
      if (from_number) from_numbers_.insert(feature);
      return;
    }
    const FeatureRange both{std::max(found->second.low, range.low), std::min(found->second.high, range.high)};
    if (both.low <= both.high) {
      found->second = both;
    } else if (from_numbers_.contains(feature) && !from_number) {
      result_.notes.conflicts.push_back(feature + ": '" + phrase +
                                        "' does not overlap the number asked for; kept the number");
    } else {
      result_.notes.conflicts.push_back(feature + ": '" + phrase + "' does not overlap what came before; kept '" +
                                        phrase + "'");
      found->second = range;
    }
  }

  void apply(const Match& match, std::size_t start, bool negated) {
    const LexiconEntry& entry = *match.entry;
    const std::string phrase = entry.phrase();
    if (match.distance > 0) {
      std::string typed;
      for (std::size_t k = 0; k < entry.words.size(); ++k) typed += (k ? " " : "") + token(start + k);
      result_.notes.corrected.push_back(typed + " -> " + phrase);
    }
    std::string note = phrase;
    for (const auto& [feature, range] : entry.ranges) {
      merge_range(feature, negated ? complement(range, feature_domain(feature)) : range, phrase);
    }
    auto& constraints = result_.constraints;
    if (entry.mood) {
      if (!negated) {
        if (constraints.mood && *constraints.mood != *entry.mood) {
          result_.notes.conflicts.push_back("mood: '" + *constraints.mood + "' then '" + *entry.mood + "'; kept '" +
                                            *entry.mood + "'");
        }
        constraints.mood = entry.mood;
      } else if (constraints.mood == entry.mood) {
        constraints.mood.reset();
      }
    }
    if (entry.time_of_day) {
      if (negated) {
        note += " (a negated time of day is not a time; ignored)";
      } else {
        constraints.time_of_day = entry.time_of_day;
      }
    }
    if (entry.day_type) {
      constraints.day_type = !negated ? *entry.day_type : (*entry.day_type == "weekend" ? "weekday" : "weekend");
    }
    if (entry.ordering && !negated) constraints.ordering = *entry.ordering;
    if (entry.discovery) constraints.discovery_share = negated ? 0.0 : *entry.discovery;
    if (negated) note = "not " + note;
    result_.notes.matched.push_back(note);
  }

  const Lexicon& lexicon_;
  const std::vector<std::string>* tokens_ = nullptr;
  std::set<std::string> known_;
  std::size_t longest_ = 1;
  std::set<std::string> from_numbers_;  // features whose range a number set
  ParsedPrompt result_;
};

}  // namespace

int edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

void check_prompt_text(std::string_view prompt, const PromptLimits& limits) {
  const int characters = utf8_characters(prompt);
  if (characters > limits.max_prompt_characters) {
    throw UsageError("the prompt is " + std::to_string(characters) + " characters long; at most " +
                     std::to_string(limits.max_prompt_characters) + " are read");
  }
  int position = 0;
  for (const char c : prompt) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) != 0x80) ++position;
    if ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7F) {
      char code[8];
      std::snprintf(code, sizeof code, "0x%02X", byte);
      throw UsageError("the prompt holds a control character (" + std::string(code) + " at character " +
                       std::to_string(position) + "); write it as plain text");
    }
  }
  if (std::all_of(prompt.begin(), prompt.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); })) {
    throw UsageError(
        "the prompt is empty: say what you are in the mood for, e.g. sonic playlist \"calm morning music\"");
  }
}

ParsedPrompt parse_prompt(std::string_view prompt, const Lexicon& lexicon) {
  check_prompt_text(prompt, lexicon.limits);
  Parser parser(lexicon);
  return parser.parse(tokenize(prompt));
}

}  // namespace sonic::playlist
