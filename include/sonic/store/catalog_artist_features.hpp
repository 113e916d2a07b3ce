#pragma once
// Cold start for a history whose tracks no catalog holds, by ID or by name: a track's features
// estimated as the mean of the catalogs' tracks by the same artist (matched by normalised name).
// Stored under kCatalogArtistSource, below any measured or name-matched row, and clustered with a
// low confidence (pipeline/cluster_moods.hpp): an artist's catalog songs say little about which
// of its songs this one is like.
#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "sonic/sources/audio_features.hpp"
#include "sonic/store/database.hpp"

namespace sonic::store {

inline constexpr std::string_view kCatalogArtistSource = "catalog_artist";

// Sums of the averaged (not whole-valued) features of catalog rows, per artist of the history,
// over the artist's catalog tracks that are NOT in the history: a track of the history has its
// own features (or none anywhere), so the mean speaks only of the artist's other songs. That also
// keeps the hidden-features check honest: a hidden track never shapes its own artist's mean.
class CatalogArtistSums {
 public:
  // The history's artists by normalised name (artists.name_key) and its tracks (tracks.name_key).
  explicit CatalogArtistSums(Database& db);

  // A catalog row by `artists` (the cell as written; its first artist counts too, see
  // sources::artist_name_variants) titled `title`. Rows of artists not in the history, and rows
  // naming a track of the history, are ignored. The caller passes only rows whose ID is not in
  // the history either.
  void add(std::string_view artists, std::string_view title, const sources::AudioFeatures& features);
  // Another file's sums (kept apart until its transaction committed).
  void merge(const CatalogArtistSums& other);
  void clear() { sums_.clear(); }

  struct Sum {
    std::array<double, sources::kAudioFeatureCount> total{};
    std::array<std::int64_t, sources::kAudioFeatureCount> count{};
  };
  const std::map<std::string, Sum>& sums() const { return sums_; }

 private:
  std::set<std::string> history_artists_;
  std::set<std::string> history_tracks_;  // sources::track_name_key
  std::map<std::string, Sum> sums_;
};

// Writes the mean features of each artist to the history tracks of that artist that have none
// (or only an earlier catalog_artist row). Call inside a transaction; returns the tracks written.
std::int64_t store_catalog_artist_means(Database& db, const CatalogArtistSums& sums, std::int64_t updated_ms);

}  // namespace sonic::store
