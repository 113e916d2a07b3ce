#pragma once
// What mood propagation (mood/mood_propagation.hpp) reads besides the clusters: each history
// track's artist, how often two tracks were heard next to each other in a session, the Last.fm
// tags of a track and of its artist, and the listening time each mood source covers.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sonic/store/database.hpp"

namespace sonic::store {

struct CoListen {
  std::int64_t first = 0;  // track ids, first < second: the edge is undirected
  std::int64_t second = 0;
  std::int64_t count = 0;  // listens of one directly after the other within a session
};

struct TrackTag {
  std::int64_t track_id = 0;
  std::string tag;
  double count = 0;  // Last.fm's weight, 0..100
};

// Every history track (a listen of 30 s or more) with an artist -> that artist.
std::map<std::int64_t, std::int64_t> history_track_artists(Database& db);
// Pairs of different tracks listened one right after the other in the same session, by ids.
std::vector<CoListen> session_neighbour_counts(Database& db);
// The history tracks' Last.fm tags and their artists' (a track can get one tag from both).
std::vector<TrackTag> history_track_tags(Database& db);

// Music listening time (listens of 30 s or more) by the source of the track's mood cluster
// (track_clusters.source: features, artist_mean, artist, co_listening, tags), "none" for tracks
// without a cluster.
std::map<std::string, std::int64_t> listening_ms_by_mood_source(Database& db);

}  // namespace sonic::store
