#pragma once
// The rows a taste profile is computed from: music listens (30 s or more, no episodes) reduced to
// their track and artist, each listened track's names and mood cluster, and Last.fm's stored tags.
#include <cstdint>
#include <optional>
#include <string>

namespace sonic::records {

struct TasteListen {
  std::int64_t start_ms = 0;
  std::int64_t ms_played = 0;
  std::int64_t track_id = 0;
  std::int64_t artist_id = 0;
};

struct TasteTrack {
  std::int64_t id = 0;
  std::string name{};
  std::int64_t artist_id = 0;
  std::string artist{};
  std::optional<std::string> spotify_id{};
  std::optional<std::string> cluster_label{};  // the current mood cluster's label, if clustered
};

// A stored Last.fm top tag of a track or an artist (`item_id`), count 0..100.
struct ItemTag {
  std::int64_t item_id = 0;
  std::string tag{};
  int count = 0;
};

// A track of an imported catalog that the history does not hold: its Spotify ID, title and the
// catalog's artists cell ("A;B", "['A', 'B']"…).
struct CatalogListing {
  std::string spotify_id{};
  std::string name{};
  std::string artists{};
};

// A genre cell of an imported catalog (a `genres`, `genre`, `artist_genres`, `artist_genre` or
// `track_genre` column): the row's Spotify ID, its artists cell and the cell as written
// ("['indie rock', 'shoegaze']", "pop").
struct CatalogGenreCell {
  std::string spotify_id{};
  std::string artists{};
  std::string genres{};
};

}  // namespace sonic::records
