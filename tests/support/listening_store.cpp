#include "support/listening_store.hpp"

#include "sonic/store/schema.hpp"

namespace sonic::testing {

ListeningStore::ListeningStore() : db_(store::Database::in_memory()) { store::migrate(db_); }

std::int64_t ListeningStore::track(const std::string& name, const std::string& artist) {
  auto found = artists_.find(artist);
  if (found == artists_.end()) {
    db_.prepare("INSERT INTO artists (name, name_key) VALUES (?1, ?1)").bind(1, artist).run();
    found = artists_.emplace(artist, db_.last_insert_id()).first;
  }
  db_.prepare("INSERT INTO tracks (name, artist_id, name_key) VALUES (?1, ?2, ?3)")
      .bind(1, name)
      .bind(2, found->second)
      .bind(3, artist + "\t" + name)
      .run();
  return db_.last_insert_id();
}

void ListeningStore::play(std::int64_t track_id, std::int64_t start_ms, std::int64_t ms_played) {
  db_.prepare(
         "INSERT INTO plays (track_id, start_ms, end_ms, ms_played, is_short, source) "
         "VALUES (?1, ?2, ?3, ?4, ?5, 'extended')")
      .bind(1, track_id)
      .bind(2, start_ms)
      .bind(3, start_ms + ms_played)
      .bind(4, ms_played)
      .bind(5, ms_played < 30'000 ? 1 : 0)
      .run();
}

void ListeningStore::mood(std::int64_t track_id, const std::string& mood) {
  db_.prepare(
         "INSERT OR REPLACE INTO track_moods (track_id, mood, confidence, model_id, predicted_ms) "
         "VALUES (?1, ?2, 0.9, 'test', 0)")
      .bind(1, track_id)
      .bind(2, mood)
      .run();
}

void ListeningStore::cluster(std::int64_t track_id, int cluster, const std::string& label) {
  db_.prepare(
         "INSERT OR IGNORE INTO mood_clusters (cluster, label, size, centroid, model_id) "
         "VALUES (?1, ?2, 0, '{}', 'test')")
      .bind(1, cluster)
      .bind(2, label)
      .run();
  db_.prepare(
         "INSERT OR REPLACE INTO track_clusters (track_id, cluster, distance, model_id) "
         "VALUES (?1, ?2, 0.5, 'test')")
      .bind(1, track_id)
      .bind(2, cluster)
      .run();
}

void ListeningStore::features(std::int64_t track_id, double valence, double energy, double danceability) {
  db_.prepare(
         "INSERT OR REPLACE INTO audio_features (track_id, source, valence, energy, "
         "danceability, updated_ms) VALUES (?1, 'catalog:test.csv', ?2, ?3, ?4, 0)")
      .bind(1, track_id)
      .bind(2, valence)
      .bind(3, energy)
      .bind(4, danceability)
      .run();
}

void ListeningStore::session(std::int64_t start_ms, std::int64_t end_ms, std::int64_t plays) {
  db_.prepare("INSERT INTO sessions (start_ms, end_ms, plays, ms_played) VALUES (?1, ?2, ?3, ?4)")
      .bind(1, start_ms)
      .bind(2, end_ms)
      .bind(3, plays)
      .bind(4, end_ms - start_ms)
      .run();
}

}  // namespace sonic::testing
