#include "sonic/store/playlist_queries.hpp"

namespace sonic::store {

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
    track.energy = query.optional_real(7);
    track.valence = query.optional_real(8);
    track.danceability = query.optional_real(9);
    track.acousticness = query.optional_real(10);
    track.instrumentalness = query.optional_real(11);
    track.tempo = query.optional_real(12);
    track.mood = query.optional_text(13);
    track.cluster_label = query.optional_text(14);
    tracks.push_back(std::move(track));
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
