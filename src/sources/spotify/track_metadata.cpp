#include "sonic/sources/spotify/track_metadata.hpp"

#include <nlohmann/json.hpp>

#include "sonic/core/error.hpp"

namespace sonic::sources::spotify {
namespace {

[[noreturn]] void fail(const std::string& where, const std::string& what) { throw InputError(where + ": " + what); }

std::string required_text(const nlohmann::json& object, const char* name, const std::string& where) {
  const auto found = object.find(name);
  if (found == object.end() || !found->is_string()) {
    fail(where, std::string("'") + name + "' is missing or not a string");
  }
  return found->get<std::string>();
}

}  // namespace

TrackMetadata parse_track(const nlohmann::json& track, const std::string& where) {
  if (!track.is_object()) fail(where, "a track should be a JSON object");
  TrackMetadata metadata;
  metadata.id = required_text(track, "id", where);
  metadata.name = required_text(track, "name", where);
  const auto duration = track.find("duration_ms");
  if (duration == track.end() || !duration->is_number_integer() || duration->get<std::int64_t>() < 0) {
    fail(where, "'duration_ms' is missing or not a whole number of milliseconds");
  }
  metadata.duration_ms = duration->get<std::int64_t>();
  const auto album = track.find("album");
  if (album != track.end() && album->is_object()) {
    if (const auto name = album->find("name"); name != album->end() && name->is_string()) {
      metadata.album_name = name->get<std::string>();
    }
  }
  const auto artists = track.find("artists");
  if (artists == track.end() || !artists->is_array()) {
    fail(where, "'artists' is missing or not an array");
  }
  for (const auto& artist : *artists) {
    if (!artist.is_object()) fail(where, "an artist should be a JSON object");
    TrackArtist credit;
    credit.name = required_text(artist, "name", where);
    if (const auto id = artist.find("id"); id != artist.end() && id->is_string()) {
      credit.id = id->get<std::string>();
    }
    metadata.artists.push_back(std::move(credit));
  }
  return metadata;
}

}  // namespace sonic::sources::spotify
