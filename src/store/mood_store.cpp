#include "sonic/store/mood_store.hpp"

#include <unordered_map>

#include "listens_in_time_order.hpp"

namespace sonic::store {
namespace {

using sources::AudioFeatureSpec;
using sources::kAudioFeatures;

constexpr const char* kListenedTracks =
    "(SELECT DISTINCT track_id FROM plays WHERE track_id IS NOT NULL AND is_short = 0)";

// "f.acousticness, f.danceability, …" in kAudioFeatures order.
std::string feature_columns(const std::string& prefix) {
  std::string columns;
  for (const AudioFeatureSpec& spec : kAudioFeatures) {
    if (!columns.empty()) columns += ", ";
    columns += prefix + std::string(spec.name);
  }
  return columns;
}

std::string track_features_select() {
  return "SELECT t.id, coalesce(t.spotify_id, ''), t.duration_ms, f.source, " + feature_columns("f.") +
         " FROM tracks t JOIN audio_features f ON f.track_id = t.id ";
}

TrackFeatures read_track_features(const Statement& row) {
  TrackFeatures track;
  track.track_id = row.integer(0);
  track.spotify_id = row.text(1);
  track.duration_ms = row.optional_integer(2);
  track.source = row.text(3);
  int column = 4;
  for (const AudioFeatureSpec& spec : kAudioFeatures) track.features[spec.feature] = row.optional_real(column++);
  return track;
}

std::vector<TrackFeatures> read_all(Statement& query) {
  std::vector<TrackFeatures> tracks;
  while (query.step()) tracks.push_back(read_track_features(query));
  return tracks;
}

}  // namespace

std::vector<TrackFeatures> history_tracks_with_features(Database& db) {
  auto query = db.prepare(track_features_select() + "JOIN " + kListenedTracks +
                          " listened ON listened.track_id = t.id ORDER BY t.id");
  return read_all(query);
}

std::vector<TrackFeatures> features_of_tracks(Database& db, const std::vector<std::int64_t>& track_ids) {
  auto query = db.prepare(track_features_select() + "WHERE t.id = ?1");
  std::vector<TrackFeatures> tracks;
  for (const auto id : track_ids) {
    query.bind(1, id);
    if (query.step()) tracks.push_back(read_track_features(query));
    query.reset();
  }
  return tracks;
}

std::int64_t count_history_tracks_without_features(Database& db) {
  return db.scalar(std::string("SELECT count(*) FROM ") + kListenedTracks +
                   " listened WHERE NOT EXISTS (SELECT 1 FROM audio_features f WHERE f.track_id = listened.track_id)");
}

std::int64_t impute_features_from_artists(Database& db, std::int64_t now_ms) {
  std::string columns, means, averages;
  for (const AudioFeatureSpec& spec : kAudioFeatures) {
    if (spec.whole) continue;  // a mean key or mode means nothing
    const std::string name(spec.name);
    columns += ", " + name;
    means += ", m." + name;
    averages += ", avg(f." + name + ") AS " + name;
  }
  auto insert = db.prepare("INSERT INTO audio_features (track_id, source, updated_ms" + columns +
                           ") "
                           "SELECT t.id, 'imputed:artist', ?1" +
                           means + " FROM " + kListenedTracks +
                           " listened "
                           "JOIN tracks t ON t.id = listened.track_id "
                           "JOIN (SELECT s.artist_id" +
                           averages +
                           " FROM tracks s JOIN audio_features f ON f.track_id = s.id "
                           "      WHERE f.source NOT LIKE 'imputed:%' AND f.source != 'catalog_artist' GROUP BY "
                           "s.artist_id) m ON m.artist_id = t.artist_id "
                           "WHERE NOT EXISTS (SELECT 1 FROM audio_features x WHERE x.track_id = t.id)");
  insert.bind(1, now_ms);
  insert.run();
  return db.changes();
}

void replace_clustering(Database& db, const std::string& model_id, const std::vector<StoredCluster>& clusters,
                        const std::vector<TrackCluster>& assignments) {
  db.exec("DELETE FROM track_clusters");
  db.exec("DELETE FROM mood_clusters");
  auto insert =
      db.prepare("INSERT INTO mood_clusters (cluster, label, size, centroid, model_id) VALUES (?1, ?2, ?3, ?4, ?5)");
  for (const auto& cluster : clusters) {
    insert.bind(1, cluster.cluster)
        .bind(2, cluster.label)
        .bind(3, cluster.size)
        .bind(4, cluster.centroid_json)
        .bind(5, model_id)
        .run();
  }
  store_track_clusters(db, model_id, assignments);
}

std::vector<StoredCluster> stored_clusters(Database& db) {
  auto query = db.prepare("SELECT cluster, label, size, centroid FROM mood_clusters ORDER BY cluster");
  std::vector<StoredCluster> clusters;
  while (query.step()) {
    clusters.push_back({static_cast<int>(query.integer(0)), query.text(1), query.integer(2), query.text(3)});
  }
  return clusters;
}

std::optional<std::string> clustering_model_id(Database& db) {
  auto query = db.prepare("SELECT model_id FROM mood_clusters LIMIT 1");
  if (!query.step()) return std::nullopt;
  return query.text(0);
}

void store_track_clusters(Database& db, const std::string& model_id, const std::vector<TrackCluster>& assignments) {
  auto upsert = db.prepare(
      "INSERT INTO track_clusters (track_id, cluster, distance, model_id, source, confidence) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT(track_id) DO UPDATE SET cluster = excluded.cluster, distance = excluded.distance, "
      "model_id = excluded.model_id, source = excluded.source, confidence = excluded.confidence");
  for (const auto& assignment : assignments) {
    upsert.bind(1, assignment.track_id)
        .bind(2, assignment.cluster)
        .bind(3, assignment.distance)
        .bind(4, model_id)
        .bind(5, assignment.source)
        .bind(6, assignment.confidence)
        .run();
  }
}

std::vector<TrackFeatures> unclustered_tracks_with_features(Database& db) {
  // Clustered means clustered from the features the track has now: a track whose artist mean
  // (imputed or from catalogs) or name match was since replaced by a measurement (enrich, an ID
  // match) joins its nearest centroid again, as a measured track.
  auto query = db.prepare(track_features_select() +
                          "WHERE NOT EXISTS (SELECT 1 FROM track_clusters c WHERE c.track_id = t.id AND c.source = "
                          "  CASE WHEN f.source LIKE 'imputed:%' THEN 'artist_mean' "
                          "       WHEN f.source = 'catalog_artist' THEN 'catalog_artist' "
                          "       WHEN f.source LIKE 'catalog\\_name:%' ESCAPE '\\' THEN 'catalog_name_match' "
                          "       ELSE 'features' END) ORDER BY t.id");
  return read_all(query);
}

std::vector<records::ClusteredListen> clustered_listens(Database& db) {
  // Sessions and listens are walked side by side, both in time order: a listen belongs to the
  // last session that started at or before it.
  auto sessions = db.prepare("SELECT start_ms FROM sessions ORDER BY start_ms");
  std::vector<std::int64_t> starts;
  while (sessions.step()) starts.push_back(sessions.integer(0));
  // Each clustered track's cluster and features once, not a join per listen.
  std::unordered_map<std::int64_t, records::ClusteredListen> by_track;
  auto tracks = db.prepare("SELECT c.track_id, c.cluster, " + feature_columns("f.") +
                           " FROM track_clusters c LEFT JOIN audio_features f ON f.track_id = c.track_id");
  while (tracks.step()) {
    records::ClusteredListen& track = by_track[tracks.integer(0)];
    track.track_id = tracks.integer(0);
    track.cluster = static_cast<int>(tracks.integer(1));
    int column = 2;
    for (const AudioFeatureSpec& spec : kAudioFeatures) track.features[spec.feature] = tracks.optional_real(column++);
  }
  std::vector<records::ClusteredListen> result;
  std::size_t session = 0;
  for (const TimedListen& timed : listens_in_time_order(db)) {
    const auto track = by_track.find(timed.track_id);
    if (track == by_track.end()) continue;  // not clustered
    while (session + 1 < starts.size() && starts[session + 1] <= timed.start_ms) ++session;
    if (starts.empty() || starts[session] > timed.start_ms) continue;  // before any session
    records::ClusteredListen listen = track->second;
    listen.start_ms = timed.start_ms;
    listen.session_start_ms = starts[session];
    result.push_back(listen);
  }
  return result;
}

void store_track_moods(Database& db, const std::string& model_id, std::int64_t now_ms,
                       const std::vector<TrackMood>& moods) {
  auto upsert = db.prepare(
      "INSERT INTO track_moods (track_id, mood, confidence, model_id, predicted_ms) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT(track_id) DO UPDATE SET mood = excluded.mood, confidence = excluded.confidence, "
      "model_id = excluded.model_id, predicted_ms = excluded.predicted_ms");
  for (const auto& mood : moods) {
    upsert.bind(1, mood.track_id).bind(2, mood.mood).bind(3, mood.confidence).bind(4, model_id).bind(5, now_ms).run();
  }
}

}  // namespace sonic::store
