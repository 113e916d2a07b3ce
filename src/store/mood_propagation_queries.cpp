#include "sonic/store/mood_propagation_queries.hpp"

namespace sonic::store {
namespace {

constexpr const char* kListenedTracks =
    "(SELECT DISTINCT track_id FROM plays WHERE track_id IS NOT NULL AND is_short = 0)";

}  // namespace

std::map<std::int64_t, std::int64_t> history_track_artists(Database& db) {
  auto query = db.prepare(std::string("SELECT t.id, t.artist_id FROM tracks t JOIN ") + kListenedTracks +
                          " listened ON listened.track_id = t.id WHERE t.artist_id IS NOT NULL");
  std::map<std::int64_t, std::int64_t> artists;
  while (query.step()) artists[query.integer(0)] = query.integer(1);
  return artists;
}

std::vector<CoListen> session_neighbour_counts(Database& db) {
  // Each listen's session is the last one that started at or before it (sessions_by_start makes
  // that a lookup); two listens in a row are neighbours when they share it.
  auto query = db.prepare(
      "SELECT min(previous, track_id), max(previous, track_id), count(*) FROM ("
      "  SELECT track_id, session, lag(track_id) OVER in_time AS previous, lag(session) OVER in_time AS "
      "previous_session"
      "  FROM (SELECT p.id, p.start_ms, p.track_id,"
      "          (SELECT max(s.start_ms) FROM sessions s WHERE s.start_ms <= p.start_ms) AS session"
      "        FROM plays p WHERE p.track_id IS NOT NULL AND p.is_short = 0)"
      "  WINDOW in_time AS (ORDER BY start_ms, id))"
      " WHERE previous IS NOT NULL AND session IS NOT NULL AND session = previous_session AND previous <> track_id"
      " GROUP BY 1, 2 ORDER BY 1, 2");
  std::vector<CoListen> pairs;
  while (query.step()) pairs.push_back({query.integer(0), query.integer(1), query.integer(2)});
  return pairs;
}

std::vector<TrackTag> history_track_tags(Database& db) {
  auto query = db.prepare(std::string("SELECT listened.track_id, tt.tag, tt.count FROM ") + kListenedTracks +
                          " listened JOIN track_tags tt ON tt.track_id = listened.track_id "
                          "UNION ALL SELECT listened.track_id, at.tag, at.count FROM " +
                          kListenedTracks +
                          " listened JOIN tracks t ON t.id = listened.track_id "
                          "JOIN artist_tags at ON at.artist_id = t.artist_id ORDER BY 1, 2");
  std::vector<TrackTag> tags;
  while (query.step()) tags.push_back({query.integer(0), query.text(1), query.real(2)});
  return tags;
}

std::map<std::string, std::int64_t> listening_ms_by_mood_source(Database& db) {
  auto query = db.prepare(
      "SELECT coalesce(tc.source, 'none'), sum(p.ms_played) FROM plays p "
      "LEFT JOIN track_clusters tc ON tc.track_id = p.track_id "
      "WHERE p.track_id IS NOT NULL AND p.is_short = 0 GROUP BY 1");
  std::map<std::string, std::int64_t> by_source;
  while (query.step()) by_source[query.text(0)] = query.integer(1);
  return by_source;
}

}  // namespace sonic::store
