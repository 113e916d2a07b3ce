#include "sonic/store/taste_queries.hpp"

#include <unordered_map>
#include <utility>

#include "listens_in_time_order.hpp"

namespace sonic::store {
namespace {

std::vector<records::ItemTag> read_tags(Statement query) {
  std::vector<records::ItemTag> tags;
  while (query.step()) {
    tags.push_back({.item_id = query.integer(0), .tag = query.text(1), .count = static_cast<int>(query.integer(2))});
  }
  return tags;
}

}  // namespace

std::vector<records::TasteListen> taste_listens(Database& db) {
  // Each track's artist once, not a join per listen.
  std::unordered_map<std::int64_t, std::int64_t> artist_of;
  auto tracks = db.prepare("SELECT id, artist_id FROM tracks");
  while (tracks.step()) artist_of.emplace(tracks.integer(0), tracks.integer(1));
  std::vector<records::TasteListen> listens;
  for (const TimedListen& listen : listens_in_time_order(db)) {
    const auto artist = artist_of.find(listen.track_id);
    if (artist == artist_of.end()) continue;  // no track row: not a listen, as the join had it
    listens.push_back({.start_ms = listen.start_ms,
                       .ms_played = listen.ms_played,
                       .track_id = listen.track_id,
                       .artist_id = artist->second});
  }
  return listens;
}

std::vector<records::TasteTrack> listened_tracks(Database& db) {
  auto query = db.prepare(R"sql(
SELECT t.id, t.name, a.id, a.name, t.spotify_id, c.label
FROM tracks t JOIN artists a ON a.id = t.artist_id
LEFT JOIN track_clusters tc ON tc.track_id = t.id
LEFT JOIN mood_clusters c ON c.cluster = tc.cluster
WHERE t.id IN (SELECT track_id FROM plays WHERE track_id IS NOT NULL AND is_short = 0)
ORDER BY t.id)sql");
  std::vector<records::TasteTrack> tracks;
  while (query.step()) {
    tracks.push_back({.id = query.integer(0),
                      .name = query.text(1),
                      .artist_id = query.integer(2),
                      .artist = query.text(3),
                      .spotify_id = query.optional_text(4),
                      .cluster_label = query.optional_text(5)});
  }
  return tracks;
}

std::vector<records::ItemTag> listened_track_tags(Database& db) {
  return read_tags(db.prepare(R"sql(
SELECT g.track_id, g.tag, g.count FROM track_tags g
WHERE g.track_id IN (SELECT track_id FROM plays WHERE track_id IS NOT NULL AND is_short = 0)
ORDER BY g.track_id, g.tag)sql"));
}

std::vector<records::ItemTag> listened_artist_tags(Database& db) {
  return read_tags(db.prepare(R"sql(
SELECT g.artist_id, g.tag, g.count FROM artist_tags g
WHERE g.artist_id IN (SELECT artist_id FROM tracks
  WHERE id IN (SELECT track_id FROM plays WHERE track_id IS NOT NULL AND is_short = 0))
ORDER BY g.artist_id, g.tag)sql"));
}

std::vector<records::CatalogListing> unheard_catalog_tracks(Database& db) {
  auto query = db.prepare(R"sql(
SELECT c.track_id, min(c.name), min(c.artists) FROM catalog_tracks c
WHERE NOT EXISTS (SELECT 1 FROM tracks t WHERE t.spotify_id = c.track_id)
GROUP BY c.track_id ORDER BY c.track_id
)sql");
  std::vector<records::CatalogListing> rows;
  while (query.step())
    rows.push_back({query.text(0), query.optional_text(1).value_or(""), query.optional_text(2).value_or("")});
  return rows;
}

std::vector<records::CatalogGenreCell> catalog_genre_cells(Database& db) {
  // Which catalog kept which genre column (names as the file's header spelled them), from the
  // catalogs' column lists: a catalog without one costs no read of its rows.
  auto columns = db.prepare(R"sql(
SELECT c.id, j.value FROM catalogs c, json_each(c.columns) j
WHERE lower(j.value) IN ('genres', 'genre', 'artist_genres', 'artist_genre', 'track_genre')
ORDER BY c.id, j.value)sql");
  std::vector<std::pair<std::int64_t, std::string>> genre_columns;
  while (columns.step()) genre_columns.emplace_back(columns.integer(0), columns.text(1));
  std::vector<records::CatalogGenreCell> cells;
  for (const auto& [catalog, column] : genre_columns) {
    auto rows = db.prepare(R"sql(
SELECT track_id, coalesce(artists, ''), CAST(json_extract(extra, ?1) AS TEXT) AS cell FROM catalog_tracks
WHERE catalog_id = ?2 AND cell IS NOT NULL AND cell <> '' ORDER BY rowid)sql");
    // The column is one of the five names above in some case: nothing to escape in the path.
    rows.bind(1, "$.\"" + column + "\"").bind(2, catalog);
    while (rows.step()) cells.push_back({rows.text(0), rows.text(1), rows.text(2)});
  }
  return cells;
}

}  // namespace sonic::store
