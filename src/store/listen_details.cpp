#include "sonic/store/listen_details.hpp"

#include <unordered_map>

#include "listens_in_time_order.hpp"

namespace sonic::store {

std::optional<ListenStarts> listen_start_range(Database& db) {
  // Each end from plays_by_start, walking only to the first listen (min and max together scanned
  // every listen).
  auto first = db.prepare(
      "SELECT start_ms FROM plays INDEXED BY plays_by_start WHERE track_id IS NOT NULL AND is_short = 0 "
      "ORDER BY start_ms LIMIT 1");
  if (!first.step()) return std::nullopt;
  auto last = db.prepare(
      "SELECT start_ms FROM plays INDEXED BY plays_by_start WHERE track_id IS NOT NULL AND is_short = 0 "
      "ORDER BY start_ms DESC LIMIT 1");
  last.step();
  return ListenStarts{first.integer(0), last.integer(0)};
}

ListenDetails listen_details(Database& db, std::int64_t from_ms, std::int64_t to_ms) {
  // Each track's facts once (each of their joins per listen was most of the cost).
  std::unordered_map<std::int64_t, ListenedTrack> facts;
  auto tracks = db.prepare(R"sql(
SELECT t.id, a.id, t.name, a.name, m.mood, c.label, f.valence, f.energy, f.danceability
FROM tracks t
JOIN artists a ON a.id = t.artist_id
LEFT JOIN track_moods m ON m.track_id = t.id
LEFT JOIN track_clusters tc ON tc.track_id = t.id
LEFT JOIN mood_clusters c ON c.cluster = tc.cluster
LEFT JOIN audio_features f ON f.track_id = t.id)sql");
  while (tracks.step()) {
    facts.emplace(tracks.integer(0), ListenedTrack{.track_id = tracks.integer(0),
                                                   .artist_id = tracks.integer(1),
                                                   .track = tracks.text(2),
                                                   .artist = tracks.text(3),
                                                   .mood = tracks.optional_text(4),
                                                   .cluster_label = tracks.optional_text(5),
                                                   .valence = tracks.optional_real(6),
                                                   .energy = tracks.optional_real(7),
                                                   .danceability = tracks.optional_real(8)});
  }
  ListenDetails details;
  std::unordered_map<std::int64_t, std::size_t> index_of;
  for (const TimedListen& row : listens_in_time_order(db, from_ms, to_ms)) {
    auto [at, added] = index_of.try_emplace(row.track_id, details.tracks.size());
    if (added) {
      const auto fact = facts.find(row.track_id);
      if (fact == facts.end()) {  // a track without its row or artist: not a listen, as the join had it
        index_of.erase(at);
        continue;
      }
      details.tracks.push_back(fact->second);
    }
    details.listens.push_back({row.start_ms, row.ms_played, at->second});
  }
  return details;
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
