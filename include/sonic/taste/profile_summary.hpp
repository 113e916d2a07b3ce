#pragma once
// The shareable taste profile: shares only, no listen, no timestamp but the moment it describes.
// `sonic profile export` writes it (format "sonic.taste-profile", version kProfileVersion; the
// keys are documented in README.md), `sonic compare` reads two of them.
#include <array>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sonic/taste/taste_profile.hpp"

namespace sonic::taste {

inline constexpr int kProfileVersion = 1;
inline constexpr const char* kProfileFormat = "sonic.taste-profile";

struct NamedShare {
  std::string name{};  // as shown
  std::string key{};   // what matches across people: the folded artist name, the canonical genre
  double share = 0.0;
  std::vector<std::string> genres{};  // artists only: their listening's top genre keys
};

struct ProfileSummary {
  std::int64_t as_of_ms = 0;
  DecayOptions decay{};
  std::int64_t listens = 0;
  double genre_coverage = 0.0;           // share of listens with a known genre
  std::vector<NamedShare> artists{};     // up to 200, heaviest first
  std::vector<NamedShare> genres{};      // up to 100
  std::vector<NamedShare> moods{};       // mood cluster labels
  std::array<double, 24> hours{};        // share of listening per local hour
  std::vector<NamedShare> top_tracks{};  // up to 50, name "artist - title"
};

ProfileSummary summarise_profile(const ListeningData& data, const TasteProfile& profile);

// The folded form of an artist's name that two homes agree on ("The  Beatles" = "the beatles").
std::string artist_key(const std::string& name);

nlohmann::json to_json(const ProfileSummary& summary);

// Checks every key and type; an InputError (exit 3) names `source` and the place
// ("friend.json: /artists/3/share: expected a number"), and refuses a newer version.
ProfileSummary profile_from_json(const nlohmann::json& document, const std::string& source);
ProfileSummary read_profile_file(const std::filesystem::path& path);

}  // namespace sonic::taste
