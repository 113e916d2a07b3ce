#pragma once
// What `sonic stats` counts over the whole store. A listen is a music play (a track, not an
// episode) of 30 s or more.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sonic/store/database.hpp"
#include "sonic/store/ranked_row.hpp"

namespace sonic::store {

struct PlayTotals {
  std::int64_t plays = 0;  // every stored play
  std::int64_t listens = 0;
  std::int64_t short_plays = 0;  // music under 30 s
  std::int64_t episode_plays = 0;
  std::int64_t listen_ms = 0;                         // played in listens
  std::optional<std::int64_t> first_listen_start_ms;  // nullopt without listens
  std::optional<std::int64_t> last_listen_end_ms;
  std::map<std::string, std::int64_t> plays_by_source;  // every kind, by source with plays
};
PlayTotals play_totals(Database& db);

std::int64_t listened_track_count(Database& db);   // distinct tracks with a listen
std::int64_t listened_artist_count(Database& db);  // distinct (primary) artists of those

struct SessionAverages {
  std::int64_t sessions = 0;
  std::optional<double> mean_ms;  // nullopt without sessions
  std::optional<double> mean_plays;
};
SessionAverages session_averages(Database& db);

// The `top` most listened artists (ties by name) or tracks (ties by title).
std::vector<RankedRow> top_listened(Database& db, TopOf what, int top);

struct ArtistListen {
  std::int64_t start_ms = 0;
  std::int64_t ms_played = 0;
  std::int64_t track_id = 0;
  std::int64_t artist_id = 0;
};
// Calls `visit` for every listen, in no particular order, without holding them all in memory.
void for_each_artist_listen(Database& db, const std::function<void(const ArtistListen&)>& visit);

// The artists' names, in the order of `artist_ids` (empty for an unknown id).
std::vector<std::string> artist_names(Database& db, const std::vector<std::int64_t>& artist_ids);

// Listens of tracks that have audio features.
std::int64_t listens_with_features(Database& db);
// Listened tracks with audio features, by the source of their features.
std::map<std::string, std::int64_t> listened_tracks_by_feature_source(Database& db);

}  // namespace sonic::store
