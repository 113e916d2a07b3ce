#include "sonic/store/listen_details.hpp"

namespace sonic::store {

std::optional<ListenStarts> listen_start_range(Database& db) {
  auto query = db.prepare("SELECT min(start_ms), max(start_ms) FROM plays WHERE track_id IS NOT NULL AND is_short = 0");
  if (!query.step() || query.is_null(0)) return std::nullopt;
  return ListenStarts{query.integer(0), query.integer(1)};
}

std::vector<ListenDetail> listen_details(Database& db, std::int64_t from_ms, std::int64_t to_ms) {
  auto query = db.prepare(R"sql(
SELECT p.start_ms, p.ms_played, t.id, a.id, t.name, a.name, m.mood, c.label,
       f.valence, f.energy, f.danceability
FROM plays p
JOIN tracks t ON t.id = p.track_id
JOIN artists a ON a.id = t.artist_id
LEFT JOIN track_moods m ON m.track_id = t.id
LEFT JOIN track_clusters tc ON tc.track_id = t.id
LEFT JOIN mood_clusters c ON c.cluster = tc.cluster
LEFT JOIN audio_features f ON f.track_id = t.id
WHERE p.is_short = 0 AND p.start_ms >= ?1 AND p.start_ms < ?2
ORDER BY p.start_ms, p.id)sql");
  query.bind(1, from_ms).bind(2, to_ms);
  std::vector<ListenDetail> listens;
  while (query.step()) {
    listens.push_back({.start_ms = query.integer(0),
                       .ms_played = query.integer(1),
                       .track_id = query.integer(2),
                       .artist_id = query.integer(3),
                       .track = query.text(4),
                       .artist = query.text(5),
                       .mood = query.optional_text(6),
                       .cluster_label = query.optional_text(7),
                       .valence = query.optional_real(8),
                       .energy = query.optional_real(9),
                       .danceability = query.optional_real(10)});
  }
  return listens;
}

std::vector<std::string> listen_moods(Database& db, std::int64_t from_ms, std::int64_t to_ms) {
  auto query = db.prepare(R"sql(
SELECT m.mood FROM plays p JOIN track_moods m ON m.track_id = p.track_id
WHERE p.is_short = 0 AND p.start_ms >= ?1 AND p.start_ms < ?2 ORDER BY p.start_ms, p.id)sql");
  query.bind(1, from_ms).bind(2, to_ms);
  std::vector<std::string> moods;
  while (query.step()) moods.push_back(query.text(0));
  return moods;
}

}  // namespace sonic::store
