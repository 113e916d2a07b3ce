#pragma once
// SQL for the mood tables: the features of the history's tracks, the current mood clusters and
// each track's cluster, each track's classifier mood, and artist-mean imputation of features.
// "The history's tracks" are tracks with at least one listen (30 s or more), as in `stats`.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sonic/records/clustered_listen.hpp"
#include "sonic/sources/audio_features.hpp"
#include "sonic/store/database.hpp"

namespace sonic::store {

struct TrackFeatures {
  std::int64_t track_id = 0;
  std::string spotify_id;  // empty when the track has none (basic export)
  std::optional<std::int64_t> duration_ms;
  sources::AudioFeatures features;
  std::string source;  // audio_features.source
};

// The history's tracks that have audio features, by track id.
std::vector<TrackFeatures> history_tracks_with_features(Database& db);
// The same for the given tracks (any, listened or not); unknown ids or ids without features are
// left out.
std::vector<TrackFeatures> features_of_tracks(Database& db, const std::vector<std::int64_t>& track_ids);
// The history's tracks with no audio features at all.
std::int64_t count_history_tracks_without_features(Database& db);

// Gives each history track without features the mean of its (primary) artist's measured or
// catalog tracks, source 'imputed:artist' (key and mode, not averageable, are left empty).
// Returns how many tracks were given features. Call inside a transaction.
std::int64_t impute_features_from_artists(Database& db, std::int64_t now_ms);

struct StoredCluster {
  int cluster = 0;
  std::string label;
  std::int64_t size = 0;
  std::string centroid_json;
};

struct TrackCluster {
  std::int64_t track_id = 0;
  int cluster = 0;
  double distance = 0;  // -1 when propagated (no features to measure it on)
  std::string source =
      "features";  // features | artist_mean | catalog_name_match | catalog_artist | artist | co_listening | tags
  double confidence = 1;
};

// Replaces the whole clustering (clusters and every track's cluster). Call inside a transaction.
void replace_clustering(Database& db, const std::string& model_id, const std::vector<StoredCluster>& clusters,
                        const std::vector<TrackCluster>& assignments);
std::vector<StoredCluster> stored_clusters(Database& db);
std::optional<std::string> clustering_model_id(Database& db);
// Adds or replaces tracks' clusters under `model_id` (new tracks assigned to the current model).
void store_track_clusters(Database& db, const std::string& model_id, const std::vector<TrackCluster>& assignments);
// Tracks with features but no cluster from the features they have now (none, a propagated one,
// or one from an estimate since replaced by a measurement).
std::vector<TrackFeatures> unclustered_tracks_with_features(Database& db);

// Every music listen (30 s or more) of a track that has a mood cluster, with the session it is
// in, by start time. Listens of tracks without a cluster are left out; a track whose cluster was
// propagated has no features (all nullopt).
std::vector<records::ClusteredListen> clustered_listens(Database& db);

struct TrackMood {
  std::int64_t track_id = 0;
  std::string mood;
  double confidence = 0;
};

// Adds or replaces the tracks' moods. Call inside a transaction.
void store_track_moods(Database& db, const std::string& model_id, std::int64_t now_ms,
                       const std::vector<TrackMood>& moods);

}  // namespace sonic::store
