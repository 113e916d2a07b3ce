#pragma once
// Spotify track IDs: 22 characters of base62, written bare (74cksX4vgcm0cHKaV7XE2L) or as a URI
// (spotify:track:74cksX4vgcm0cHKaV7XE2L). The store keeps the bare ID.
#include <cstddef>
#include <optional>
#include <string_view>

namespace sonic::sources {

inline constexpr std::size_t kSpotifyIdLength = 22;

// 22 characters, each 0-9, a-z or A-Z.
bool is_spotify_id(std::string_view text);

// The bare ID of a track ID or a spotify:track: URI; nullopt for anything else (an episode or
// album URI, a local file, a name, an ID of the wrong length).
std::optional<std::string_view> spotify_track_id(std::string_view id_or_uri);

}  // namespace sonic::sources
