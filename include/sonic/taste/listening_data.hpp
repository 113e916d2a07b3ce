#pragma once
// Everything the taste layer computes from, read once: the music listens by start, the listened
// tracks, and each track's genre and descriptor shares. A track's genres come from the first of
// these that names one (GenreSource, in this order): its own Last.fm tags, its artist's Last.fm
// tags, the genre cells of imported catalogs for its Spotify ID, those of catalog rows whose
// artists cell names its artist alone. All pass one canonicaliser (taste/genres.hpp).
// Profiles, pools and benchmarks take a prefix of `listens` to see the history as it was at a time.
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "sonic/records/taste_rows.hpp"
#include "sonic/store/database.hpp"
#include "sonic/taste/genres.hpp"

namespace sonic::taste {

enum class GenreSource { lastfm_track, lastfm_artist, catalog_track, catalog_artist };
// "lastfm_track", "lastfm_artist", "catalog_track", "catalog_artist"
const char* to_string(GenreSource source);

struct ListeningData {
  std::vector<records::TasteListen> listens{};  // by start
  std::unordered_map<std::int64_t, records::TasteTrack> tracks{};
  std::unordered_map<std::int64_t, std::vector<TagShare>> track_genres{};
  std::unordered_map<std::int64_t, std::vector<TagShare>> track_descriptors{};
  std::unordered_map<std::string, std::string> genre_names{};     // canonical key → shown name
  std::unordered_map<std::int64_t, GenreSource> genre_sources{};  // tracks with genres only

  const std::vector<TagShare>& genres_of(std::int64_t track_id) const;
  // The listens that started before `time_ms` (a prefix of `listens`).
  std::span<const records::TasteListen> listens_before(std::int64_t time_ms) const;
  const std::string& genre_name(const std::string& key) const;
};

ListeningData make_listening_data(std::vector<records::TasteListen> listens, std::vector<records::TasteTrack> tracks,
                                  std::span<const records::ItemTag> track_tags,
                                  std::span<const records::ItemTag> artist_tags,
                                  std::span<const records::CatalogGenreCell> catalog_genres = {});

ListeningData load_listening_data(store::Database& db);

}  // namespace sonic::taste
