#pragma once
// What `sonic playlist` reads: the person's library (every track with a music listen, with its
// audio features, mood label and mood cluster) and the start of every music listen, so the
// playlist layer can weigh tracks by decayed plays and by the time of day they are played.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sonic/store/database.hpp"

namespace sonic::store {

struct LibraryTrack {
  std::int64_t track_id = 0;
  std::optional<std::string> spotify_id;
  std::string name;
  std::int64_t artist_id = 0;
  std::string artist;
  std::optional<std::string> album;
  std::optional<std::int64_t> duration_ms;
  std::optional<double> energy, valence, danceability, acousticness, instrumentalness, tempo;
  std::optional<std::string> mood;           // track_moods.mood
  std::optional<std::string> cluster_label;  // mood_clusters.label of its cluster
};

// Tracks with a music listen (30 s or more) starting before `before_ms`, by track id.
std::vector<LibraryTrack> library_tracks(Database& db, std::int64_t before_ms);

// Every track of the imported catalogs (`sonic catalog import`), once per Spotify ID, with the
// audio features a playlist's ranges read: track_id and artist_id are 0 (not in the history), and
// `artist` is the catalog's artists cell as written (catalog::artist_names splits it). In rowid
// order; the first row of an ID wins.
std::vector<LibraryTrack> catalog_library_tracks(Database& db);

// Calls `visit(track_id, start_ms)` for every music listen starting before `before_ms`.
void for_each_music_listen_start(Database& db, std::int64_t before_ms,
                                 const std::function<void(std::int64_t, std::int64_t)>& visit);

}  // namespace sonic::store
