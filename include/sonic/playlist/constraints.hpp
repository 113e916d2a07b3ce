#pragma once
// What a playlist prompt asks for: ranges of audio features, a time of day and day type, a mood,
// a discovery share, a size and an ordering. The parser (prompt_parser) fills it from words; a
// language model may later fill the same object (the integrator's seam), and selection reads it.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sonic::playlist {

// The six features a prompt may constrain, in this order everywhere (JSON, tables, tests).
inline constexpr const char* kPlaylistFeatures[] = {"energy",       "valence",          "danceability",
                                                    "acousticness", "instrumentalness", "tempo"};

struct FeatureRange {
  double low = 0;
  double high = 1;
  double centre() const { return (low + high) / 2; }
  bool contains(double value) const { return value >= low && value <= high; }
  bool operator==(const FeatureRange&) const = default;
};

// The whole scale of a feature (tempo in BPM, the others 0..1); a UsageError for another name.
FeatureRange feature_domain(const std::string& feature);

enum class Ordering { steady, build_up, wind_down };
const char* ordering_name(Ordering ordering);

struct PlaylistSize {
  int songs = 25;              // how many tracks, when no duration is asked
  std::optional<int> minutes;  // "an hour": fill until this much music

  bool operator==(const PlaylistSize&) const = default;
};

struct Constraints {
  std::map<std::string, FeatureRange> ranges;  // feature name -> range; absent = not asked
  std::optional<std::string> time_of_day;      // morning | afternoon | evening | night
  std::optional<std::string> day_type;         // weekday | weekend
  std::optional<std::string> mood;             // a mood label (calm, happy, energetic, sad, focus)
  double discovery_share = 0;                  // 0 = only my library .. 1 = only new tracks
  PlaylistSize size;
  Ordering ordering = Ordering::steady;
  std::optional<std::string> name;         // a title, when a language model wrote one
  std::optional<std::string> description;  // one line about it, when a language model wrote one
  std::string source = "parser";           // who filled it: parser | habits (later: the model)

  bool operator==(const Constraints&) const = default;
};

// What the parser understood beside the object: corrected typos, negations, unknown words.
struct ParseNotes {
  std::vector<std::string> matched;    // "high energy", "sad (negated)", "morning"
  std::vector<std::string> corrected;  // "enrgy -> energy"
  std::vector<std::string> unknown;    // words the lexicon does not know, in prompt order
  std::vector<std::string> conflicts;  // "energy: 'calm' and 'workout' do not overlap; kept 'workout'"
};

nlohmann::json to_json(const Constraints& constraints);
nlohmann::json to_json(const ParseNotes& notes);

}  // namespace sonic::playlist
