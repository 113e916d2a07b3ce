#pragma once
// Single tracks by their ID or Spotify ID, with the names a person reads.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sonic/store/database.hpp"

namespace sonic::store {

struct NamedTrack {
  std::int64_t track_id = 0;
  std::string name;
};

// The track with this Spotify ID (22 characters, no URI prefix); nullopt when it is not stored.
std::optional<NamedTrack> track_by_spotify_id(Database& db, std::string_view spotify_id);

// "Title - Artist"; nullopt for an unknown track.
std::optional<std::string> track_title_and_artist(Database& db, std::int64_t track_id);

}  // namespace sonic::store
