#pragma once
// Music listens (tracks, 30 s or more) with what the insight layer reads about each: its
// track and artist, the mood classifier's label, the mood cluster's label and the audio
// features. Moods, clusters and features are optional: a store may not have them yet.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sonic/store/database.hpp"

namespace sonic::store {

// A track that has music listens, with what the insight layer reads about it.
struct ListenedTrack {
  std::int64_t track_id = 0;
  std::int64_t artist_id = 0;
  std::string track;
  std::string artist;
  std::optional<std::string> mood;           // track_moods.mood
  std::optional<std::string> cluster_label;  // mood_clusters.label of track_clusters.cluster
  std::optional<double> valence;
  std::optional<double> energy;
  std::optional<double> danceability;
};

// One listen; `track` indexes ListenDetails::tracks.
struct ListenDetail {
  std::int64_t start_ms = 0;
  std::int64_t ms_played = 0;
  std::size_t track = 0;
};

// The listens of a period and their tracks, each track's facts read once rather than once per
// listen (a lifetime holds ~100 listens per track).
struct ListenDetails {
  std::vector<ListenedTrack> tracks;
  std::vector<ListenDetail> listens;
};

struct ListenStarts {
  std::int64_t first_ms = 0;
  std::int64_t last_ms = 0;
};
// The first and last start of a music listen; nullopt for a store without listens.
std::optional<ListenStarts> listen_start_range(Database& db);

// Listens starting in [from_ms, to_ms), by start time (ties in the order they were stored).
ListenDetails listen_details(Database& db, std::int64_t from_ms, std::int64_t to_ms);

// The mood label of each listen starting in [from_ms, to_ms) whose track has one.
std::vector<std::string> listen_moods(Database& db, std::int64_t from_ms, std::int64_t to_ms);

}  // namespace sonic::store
