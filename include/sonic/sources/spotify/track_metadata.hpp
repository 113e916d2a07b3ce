#pragma once
// What sonic keeps of a Spotify TrackObject.
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace sonic::sources::spotify {

struct TrackArtist {
  std::string id;  // empty for an artist Spotify gives no ID (local files)
  std::string name;
};

struct TrackMetadata {
  std::string id;
  std::string name;
  std::vector<TrackArtist> artists;  // the first is the primary artist
  std::string album_name;
  std::int64_t duration_ms = 0;
};

// Reads a TrackObject; `where` names it in the InputError a malformed one raises.
TrackMetadata parse_track(const nlohmann::json& track, const std::string& where);

}  // namespace sonic::sources::spotify
