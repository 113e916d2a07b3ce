#include "sonic/sources/spotify_track_id.hpp"

#include <algorithm>

namespace sonic::sources {

bool is_spotify_id(std::string_view text) {
  const auto base62 = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  return text.size() == kSpotifyIdLength && std::all_of(text.begin(), text.end(), base62);
}

std::optional<std::string_view> spotify_track_id(std::string_view id_or_uri) {
  constexpr std::string_view kUriPrefix = "spotify:track:";
  if (id_or_uri.starts_with(kUriPrefix)) id_or_uri.remove_prefix(kUriPrefix.size());
  if (!is_spotify_id(id_or_uri)) return std::nullopt;
  return id_or_uri;
}

}  // namespace sonic::sources
