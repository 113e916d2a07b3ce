#include "sonic/store/dashboard_queries.hpp"

#include <algorithm>
#include <unordered_map>

#include "listens_in_time_order.hpp"
#include "sonic/store/catalog_store.hpp"

namespace sonic::store {
namespace {

// The period's music listens (tracks, 30 s or more, start in [?1, ?2)) added up per track, from the covering index
// plays_listens_by_track:
// `+` keeps the planner off plays_by_start, which costs a table lookup per play, and the joins
// to tracks and artists then meet one row per track instead of one per listen.
constexpr const char* kListensByTrack =
    "(SELECT p.track_id, count(*) AS listens, sum(p.ms_played) AS ms_played, min(p.start_ms) AS first_start_ms, "
    "max(p.end_ms) AS last_end_ms, max(p.start_ms) AS last_start_ms FROM plays p "
    "WHERE p.track_id IS NOT NULL AND p.is_short = 0 AND +p.start_ms >= ?1 AND +p.start_ms < ?2 "
    "GROUP BY p.track_id) l";

Statement period_query(Database& db, const std::string& sql, std::int64_t from_ms, std::int64_t to_ms) {
  auto statement = db.prepare(sql);
  statement.bind(1, from_ms);
  statement.bind(2, to_ms);
  return statement;
}

std::vector<ClusterPoint> cluster_points(Statement& query) {
  std::vector<ClusterPoint> points;
  while (query.step()) points.push_back({query.integer(0), query.real(1), query.real(2)});
  return points;
}

}  // namespace

PeriodTotals period_totals(Database& db, std::int64_t from_ms, std::int64_t to_ms) {
  auto totals = period_query(db,
                             std::string("SELECT coalesce(sum(l.listens), 0), coalesce(sum(l.ms_played), 0), count(*), "
                                         "count(DISTINCT t.artist_id), min(l.first_start_ms), max(l.last_end_ms), "
                                         "max(l.last_start_ms) FROM ") +
                                 kListensByTrack + " JOIN tracks t ON t.id = l.track_id",
                             from_ms, to_ms);
  totals.step();
  return {totals.integer(0),          totals.integer(1),          totals.integer(2),         totals.integer(3),
          totals.optional_integer(4), totals.optional_integer(5), totals.optional_integer(6)};
}

std::vector<CatalogListen> catalog_listens_in_period(Database& db, std::int64_t catalog_id, std::int64_t from_ms,
                                                     std::int64_t to_ms) {
  // The period's listens with a Spotify ID; each distinct ID is looked up once in the catalog's
  // sorted ID index, and the matched rows' numbers read a chunk at a time.
  auto plays = period_query(db,
                            "SELECT p.ms_played, t.spotify_id FROM plays p JOIN tracks t ON t.id = p.track_id "
                            "WHERE p.track_id IS NOT NULL AND p.is_short = 0 AND p.start_ms >= ?1 AND p.start_ms < ?2 "
                            "AND t.spotify_id IS NOT NULL",
                            from_ms, to_ms);
  std::vector<std::pair<std::int64_t, std::size_t>> played;  // ms_played, the ID's index in `ids`
  std::vector<std::string> ids;
  std::unordered_map<std::string, std::size_t> id_index;
  while (plays.step()) {
    const auto [at, added] = id_index.try_emplace(plays.text(1), ids.size());
    if (added) ids.push_back(at->first);
    played.emplace_back(plays.integer(0), at->second);
  }
  const auto rows = catalog_rows_of(db, catalog_id, ids);
  std::vector<std::size_t> matched;
  for (const auto& row : rows) {
    if (row) matched.push_back(*row);
  }
  std::sort(matched.begin(), matched.end());
  matched.erase(std::unique(matched.begin(), matched.end()), matched.end());
  std::vector<CatalogListen> by_row(matched.size());  // decade and numbers of each matched row
  CatalogChunkColumns numbers;
  numbers.numbers = true;
  for_each_catalog_row(db, catalog_id, matched, numbers, [&](const CatalogChunk& chunk, std::size_t i) {
    by_row[i].decade = chunk.decades[matched[i] - chunk.first_row];
    by_row[i].features = chunk.features[matched[i] - chunk.first_row];
  });
  std::vector<CatalogListen> listens;
  for (const auto& [ms_played, id] : played) {
    if (!rows[id]) continue;
    const auto at = std::lower_bound(matched.begin(), matched.end(), *rows[id]) - matched.begin();
    CatalogListen& listen = listens.emplace_back(by_row[static_cast<std::size_t>(at)]);
    listen.ms_played = ms_played;
  }
  return listens;
}

std::int64_t plays_in_period(Database& db, std::int64_t from_ms, std::int64_t to_ms) {
  auto plays = period_query(db, "SELECT count(*) FROM plays WHERE start_ms >= ?1 AND start_ms < ?2", from_ms, to_ms);
  plays.step();
  return plays.integer(0);
}

void for_each_listen_in_period(Database& db, std::int64_t from_ms, std::int64_t to_ms,
                               const std::function<void(std::int64_t start_ms, std::int64_t ms_played)>& visit) {
  // In plays_by_start's order, the order the callers' sums were always made in.
  for (const TimedListen& listen : listens_in_time_order(db, from_ms, to_ms)) visit(listen.start_ms, listen.ms_played);
}

std::vector<RankedRow> top_listened_in_period(Database& db, TopOf what, std::int64_t from_ms, std::int64_t to_ms,
                                              int top) {
  const std::string sql = what == TopOf::tracks
                              ? std::string("SELECT t.name, a.name, l.listens, l.ms_played FROM ") + kListensByTrack +
                                    " JOIN tracks t ON t.id = l.track_id JOIN artists a ON a.id = t.artist_id "
                                    "ORDER BY l.listens DESC, t.name, a.name, t.id LIMIT ?3"
                              : std::string("SELECT a.name, '', sum(l.listens), sum(l.ms_played) FROM ") +
                                    kListensByTrack +
                                    " JOIN tracks t ON t.id = l.track_id JOIN artists a ON a.id = t.artist_id "
                                    "GROUP BY a.id ORDER BY sum(l.listens) DESC, a.name, a.id LIMIT ?3";
  auto query = period_query(db, sql, from_ms, to_ms);
  query.bind(3, top);
  return ranked_rows(query);
}

void for_each_listen_mood_in_period(Database& db, std::int64_t from_ms, std::int64_t to_ms,
                                    const std::function<void(const ListenMood&)>& visit) {
  // Each track's mood and cluster once, then the listens from the covering index: a join per
  // listen was most of the cost. The listens come in track order (callers only count).
  std::unordered_map<std::int64_t, ListenMood> by_track;
  auto tracks = db.prepare(
      "SELECT t.id, m.mood, mc.label, mc.cluster FROM tracks t "
      "LEFT JOIN track_moods m ON m.track_id = t.id "
      "LEFT JOIN track_clusters tc ON tc.track_id = t.id "
      "LEFT JOIN mood_clusters mc ON mc.cluster = tc.cluster AND mc.model_id = tc.model_id");
  while (tracks.step()) {
    ListenMood& mood = by_track[tracks.integer(0)];
    mood.mood = tracks.optional_text(1);
    mood.cluster_label = tracks.optional_text(2);
    mood.cluster = mood.cluster_label ? tracks.integer(3) : 0;
  }
  ListenMood without_track;
  auto listens =
      period_query(db,
                   "SELECT p.start_ms, p.track_id FROM plays p "
                   "WHERE p.track_id IS NOT NULL AND p.is_short = 0 AND +p.start_ms >= ?1 AND +p.start_ms < ?2",
                   from_ms, to_ms);
  while (listens.step()) {
    const auto found = by_track.find(listens.integer(1));
    ListenMood& listen = found != by_track.end() ? found->second : without_track;
    listen.start_ms = listens.integer(0);
    visit(listen);
  }
}

std::vector<ClusterHeading> cluster_headings(Database& db) {
  auto rows = db.prepare("SELECT cluster, label, size, model_id FROM mood_clusters ORDER BY cluster");
  std::vector<ClusterHeading> clusters;
  while (rows.step()) clusters.push_back({rows.integer(0), rows.text(1), rows.integer(2), rows.text(3)});
  return clusters;
}

std::vector<ClusterPoint> cluster_mean_points(Database& db, const std::string& model_id) {
  auto means = db.prepare(
      "SELECT tc.cluster, avg(f.valence), avg(f.energy) FROM track_clusters tc "
      "JOIN audio_features f ON f.track_id = tc.track_id WHERE tc.model_id = ?1 "
      "AND f.valence IS NOT NULL AND f.energy IS NOT NULL GROUP BY tc.cluster");
  means.bind(1, model_id);
  return cluster_points(means);
}

std::vector<ClusterPoint> cluster_members_heard(Database& db, const std::string& model_id, std::int64_t from_ms,
                                                std::int64_t to_ms) {
  // The subquery is materialised once.
  auto points = period_query(db,
                             std::string("SELECT tc.cluster, f.valence, f.energy FROM track_clusters tc "
                                         "JOIN audio_features f ON f.track_id = tc.track_id WHERE tc.model_id = ?3 "
                                         "AND f.valence IS NOT NULL AND f.energy IS NOT NULL AND tc.track_id IN "
                                         "(SELECT l.track_id FROM ") +
                                 kListensByTrack + ") ORDER BY tc.cluster, tc.track_id",
                             from_ms, to_ms);
  points.bind(3, model_id);
  return cluster_points(points);
}

std::vector<ClusterListens> cluster_listens_in_period(Database& db, const std::string& model_id, std::int64_t from_ms,
                                                      std::int64_t to_ms) {
  auto listens = period_query(db,
                              std::string("SELECT tc.cluster, sum(l.listens) FROM ") + kListensByTrack +
                                  " JOIN track_clusters tc ON tc.track_id = l.track_id AND tc.model_id = ?3 "
                                  "GROUP BY tc.cluster",
                              from_ms, to_ms);
  listens.bind(3, model_id);
  std::vector<ClusterListens> counts;
  while (listens.step()) counts.push_back({listens.integer(0), listens.integer(1)});
  return counts;
}

}  // namespace sonic::store
