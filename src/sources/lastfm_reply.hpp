#pragma once
// Reads Last.fm replies: the error object, getTopTags (track or artist) and getSimilar (artist or
// track). Private to sources/.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sonic/sources/lastfm_client.hpp"
#include "sonic/sources/top_tag.hpp"

namespace sonic::sources {

// The error object Last.fm sends instead of data, often with HTTP 200.
struct LastfmFailure {
  int code = 0;
  std::string message;
};

// The error the reply carries, nullopt when it carries none. `where` names the request in
// InputError messages (an 'error' that is not a number).
std::optional<LastfmFailure> read_failure(const nlohmann::json& reply, const std::string& where);

// The tags (names trimmed and lower-cased, repeats merged at their highest count, sorted by count
// then name). Takes a lone tag given as an object rather than an array, and counts given as
// strings.
std::vector<TopTag> read_top_tags_reply(const nlohmann::json& reply, const std::string& where);

// {"similarartists":{"artist":[{"name":…,"match":"0.87",…}]}}: highest match first, then by name;
// a lone item as an object, `match` as a string or a number in 0..1, items with an empty name
// dropped, a name seen twice kept at its highest match.
std::vector<SimilarArtist> read_similar_artists_reply(const nlohmann::json& reply, const std::string& where);
// {"similartracks":{"track":[{"name":…,"match":0.87,"artist":{"name":…},…}]}}, read the same way.
std::vector<SimilarTrack> read_similar_tracks_reply(const nlohmann::json& reply, const std::string& where);

}  // namespace sonic::sources
