#include "sonic/store/taste_queries.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "sonic/store/catalog_store.hpp"

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
  std::unordered_set<std::string> heard;
  auto history = db.prepare("SELECT spotify_id FROM tracks WHERE spotify_id IS NOT NULL");
  while (history.step()) heard.insert(history.text(0));
  // Per ID across the catalogs, the least name and artists that are not empty (SQL's min()).
  std::unordered_map<std::string, std::pair<std::string, std::string>> unheard;
  const auto keep_least = [](std::string& least, std::string_view cell) {
    if (!cell.empty() && (least.empty() || cell < least)) least = cell;
  };
  CatalogChunkColumns columns;
  columns.names = columns.artists = true;
  for (const CatalogSummary& catalog : list_catalogs(db)) {
    for_each_catalog_chunk(db, catalog.id, columns, [&](const CatalogChunk& chunk) {
      for (std::size_t row = 0; row < chunk.rows; ++row) {
        std::string id(chunk.track_id(row));
        if (heard.contains(id)) continue;
        auto& [name, artists] = unheard[std::move(id)];
        keep_least(name, chunk.names[row]);
        keep_least(artists, chunk.artists[row]);
      }
    });
  }
  std::vector<records::CatalogListing> rows;
  rows.reserve(unheard.size());
  for (auto& [id, cells] : unheard) rows.push_back({id, std::move(cells.first), std::move(cells.second)});
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.spotify_id < b.spotify_id; });
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
    CatalogChunkColumns wanted;
    wanted.artists = true;
    wanted.kept = {column};
    for_each_catalog_chunk(db, catalog, wanted, [&](const CatalogChunk& chunk) {
      for (std::size_t row = 0; row < chunk.rows; ++row) {
        const std::string_view cell = chunk.kept[0][row];
        if (!cell.empty())
          cells.push_back({std::string(chunk.track_id(row)), std::string(chunk.artists[row]), std::string(cell)});
      }
    });
  }
  return cells;
}

}  // namespace sonic::store
