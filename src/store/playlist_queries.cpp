#include "sonic/store/playlist_queries.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "sonic/store/catalog_store.hpp"

namespace sonic::store {
namespace {

// The six playlist features, selected in this order from column `first` on.
void read_playlist_features(const Statement& query, int first, LibraryTrack& track) {
  track.energy = query.optional_real(first);
  track.valence = query.optional_real(first + 1);
  track.danceability = query.optional_real(first + 2);
  track.acousticness = query.optional_real(first + 3);
  track.instrumentalness = query.optional_real(first + 4);
  track.tempo = query.optional_real(first + 5);
}

}  // namespace

std::vector<LibraryTrack> library_tracks(Database& db, std::int64_t before_ms) {
  auto query = db.prepare(R"sql(
SELECT t.id, t.spotify_id, t.name, a.id, a.name, t.duration_ms, t.album_name,
       f.energy, f.valence, f.danceability, f.acousticness, f.instrumentalness, f.tempo, m.mood, c.label
FROM tracks t
JOIN artists a ON a.id = t.artist_id
LEFT JOIN audio_features f ON f.track_id = t.id
LEFT JOIN track_moods m ON m.track_id = t.id
LEFT JOIN track_clusters tc ON tc.track_id = t.id
LEFT JOIN mood_clusters c ON c.cluster = tc.cluster
-- IN over one scan of the covering index plays_listens_by_track (`+`: not plays_by_start, whose
-- order costs a table lookup per play).
WHERE t.id IN (SELECT track_id FROM plays WHERE track_id IS NOT NULL AND is_short = 0 AND +start_ms < ?1)
ORDER BY t.id)sql");
  query.bind(1, before_ms);
  std::vector<LibraryTrack> tracks;
  while (query.step()) {
    LibraryTrack track;
    track.track_id = query.integer(0);
    track.spotify_id = query.optional_text(1);
    track.name = query.text(2);
    track.artist_id = query.integer(3);
    track.artist = query.text(4);
    if (!query.is_null(5)) track.duration_ms = query.integer(5);
    track.album = query.optional_text(6);
    read_playlist_features(query, 7, track);
    track.mood = query.optional_text(13);
    track.cluster_label = query.optional_text(14);
    tracks.push_back(std::move(track));
  }
  return tracks;
}

std::vector<LibraryTrack> catalog_library_tracks(Database& db) {
  // Catalog by catalog in id order (a re-import gets a new id, as the rows once got new rowids),
  // each in row order; repeats across catalogs are dropped here.
  std::vector<LibraryTrack> tracks;
  std::unordered_set<std::string> seen;
  CatalogChunkColumns columns;
  columns.names = columns.artists = columns.albums = columns.numbers = true;
  const auto number = [](double value) { return std::isnan(value) ? std::nullopt : std::optional<double>(value); };
  auto catalogs = list_catalogs(db);
  std::sort(catalogs.begin(), catalogs.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  for (const CatalogSummary& catalog : catalogs) {
    for_each_catalog_chunk(db, catalog.id, columns, [&](const CatalogChunk& chunk) {
      for (std::size_t row = 0; row < chunk.rows; ++row) {
        if (!seen.emplace(chunk.track_id(row)).second) continue;
        LibraryTrack& track = tracks.emplace_back();
        track.spotify_id = std::string(chunk.track_id(row));
        track.name = chunk.names[row];
        track.artist = chunk.artists[row];
        if (!chunk.albums[row].empty()) track.album = std::string(chunk.albums[row]);
        const records::CatalogFeatureValues& values = chunk.features[row];
        if (const auto duration = number(values[records::kDurationFeature])) {
          track.duration_ms = static_cast<std::int64_t>(*duration);
        }
        const auto feature = [&](records::AudioFeature which) {
          return number(values[static_cast<std::size_t>(which)]);
        };
        track.energy = feature(records::AudioFeature::energy);
        track.valence = feature(records::AudioFeature::valence);
        track.danceability = feature(records::AudioFeature::danceability);
        track.acousticness = feature(records::AudioFeature::acousticness);
        track.instrumentalness = feature(records::AudioFeature::instrumentalness);
        track.tempo = feature(records::AudioFeature::tempo);
      }
    });
  }
  return tracks;
}

void for_each_music_listen_start(Database& db, std::int64_t before_ms,
                                 const std::function<void(std::int64_t, std::int64_t)>& visit) {
  auto query =
      db.prepare("SELECT track_id, start_ms FROM plays WHERE track_id IS NOT NULL AND is_short = 0 AND start_ms < ?1");
  query.bind(1, before_ms);
  while (query.step()) visit(query.integer(0), query.integer(1));
}

}  // namespace sonic::store
