#include "sonic/pipeline/cluster_moods.hpp"

#include "sonic/core/utc_time.hpp"
#include "sonic/features/cluster_features.hpp"
#include "sonic/store/audio_feature_store.hpp"
#include "sonic/store/catalog_artist_features.hpp"
#include "sonic/store/mood_store.hpp"
#include "sonic/tracking/mlflow_store.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <string_view>

namespace sonic::pipeline {
namespace {

// The clusters as the store keeps them: the report's summaries, centroids as JSON text.
std::vector<store::StoredCluster> stored_form(const std::vector<ClusterSummary>& clusters) {
  std::vector<store::StoredCluster> stored;
  for (const auto& cluster : clusters) {
    stored.push_back({cluster.cluster, cluster.label, cluster.size, cluster.centroid.dump()});
  }
  return stored;
}

// Where a clustered track's features came from, on its cluster row: estimated from the artist
// (imputed), copied from a catalog row of the same artist and title (kCatalogNamePrefix), or
// measured for this very track (the default, "features", confidence 1).
void mark_feature_sources(std::vector<store::TrackCluster>& assignments,
                          const std::vector<store::TrackFeatures>& tracks) {
  std::map<std::int64_t, std::string_view> estimated;
  for (const auto& track : tracks) {
    if (track.source.starts_with("imputed:")) estimated[track.track_id] = "artist_mean";
    if (track.source.starts_with(store::kCatalogNamePrefix)) estimated[track.track_id] = kCatalogNameMatchSource;
    if (track.source == store::kCatalogArtistSource) estimated[track.track_id] = store::kCatalogArtistSource;
  }
  for (auto& assignment : assignments) {
    const auto found = estimated.find(assignment.track_id);
    if (found == estimated.end()) continue;
    assignment.source = std::string(found->second);
    if (found->second == kCatalogNameMatchSource) assignment.confidence = kCatalogNameMatchConfidence;
    if (found->second == store::kCatalogArtistSource) assignment.confidence = kCatalogArtistConfidence;
  }
}

// The tracks the clusters are fitted on: those with features of their own (measured, or a
// catalog row of the same name), and the catalog artist means only when these are too few to
// cluster (a cold start). The others are assigned to the nearest centroid afterwards.
std::vector<store::TrackFeatures> fitting_tracks(const std::vector<store::TrackFeatures>& tracks,
                                                 const mood::ClusterFitOptions& options) {
  std::vector<store::TrackFeatures> own;
  for (const auto& track : tracks)
    if (track.source != store::kCatalogArtistSource) own.push_back(track);
  const auto complete = std::count_if(own.begin(), own.end(), [](const store::TrackFeatures& track) {
    return features::cluster_vector(track.features).has_value();
  });
  return complete >= mood::minimum_tracks_to_cluster(options) ? own : tracks;
}

void record_run(tracking::TrackedRun& run, const ClusterRunOptions& options, const ClusterMoodsResult& report) {
  run.log_params({{"k_min", std::to_string(options.fit.k_min)},
                  {"k_max", std::to_string(options.fit.k_max)},
                  {"forced_k", options.fit.k ? std::to_string(*options.fit.k) : "none"},
                  {"restarts", std::to_string(options.fit.restarts)},
                  {"impute", options.impute_artist ? "artist" : "none"},
                  {"propagate", options.propagate ? "artist,co_listening,tags" : "none"},
                  {"min_confidence", std::to_string(options.min_confidence)},
                  {"features", "valence,energy,danceability,acousticness,instrumentalness,tempo/250"}});
  for (const auto& candidate : report.candidates) {
    run.log_metric("inertia", candidate.inertia, candidate.k);
    if (!std::isnan(candidate.silhouette)) run.log_metric("silhouette", candidate.silhouette, candidate.k);
  }
  run.log_metric("k", report.k);
  for (const auto& candidate : report.candidates) {
    if (candidate.k == report.k && !std::isnan(candidate.silhouette))
      run.log_metric("silhouette_chosen", candidate.silhouette);
  }
  run.log_metric("tracks_clustered", static_cast<double>(report.tracks_clustered));
  run.log_metric("tracks_without_features", static_cast<double>(report.tracks_without_features));
  run.log_metric("tracks_propagated", static_cast<double>(report.tracks_propagated));
  run.log_metric("mood_coverage", report.coverage.covered_share());
  for (const auto& [source, ms] : report.coverage.ms_by_source)
    run.log_metric("mood_coverage_" + source, report.coverage.share(source));
  run.set_tag("sonic.k_reason", report.k_reason);
}

}  // namespace

ClusterMoodsResult cluster_moods(store::Database& db, const Home& home, const ClusterRunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  auto run =
      tracking::TrackedRun::start(home.runs(), std::string(mood::kMoodClusters.experiment), {.seed = options.fit.seed});
  ClusterMoodsResult report;
  report.run_id = run.run_id();
  report.model_path = mood::kMoodClusters.path(home);

  store::Transaction transaction(db);
  if (options.impute_artist) report.tracks_imputed = store::impute_features_from_artists(db, now_utc_ms());
  report.tracks_without_features = store::count_history_tracks_without_features(db);
  const auto tracks = store::history_tracks_with_features(db);
  const auto fit_on = fitting_tracks(tracks, options.fit);
  auto fitted = mood::fit_mood_clusters(fit_on, options.fit, run.run_id());
  const auto& model = fitted.model;

  report.k = model.k();
  report.k_reason = std::string(ml::describe(model.choice.reason));
  report.candidates = model.candidates;
  report.tracks_clustered = static_cast<std::int64_t>(fitted.assignments.size());
  report.tracks_incomplete = fitted.skipped_incomplete;
  for (int cluster = 0; cluster < model.k(); ++cluster) {
    report.clusters.push_back({cluster, model.labels[static_cast<std::size_t>(cluster)],
                               model.sizes[static_cast<std::size_t>(cluster)],
                               mood::centroid_json(model.centroids, cluster)});
  }
  auto assignments = fitted.assignments;
  if (fit_on.size() < tracks.size()) {
    std::vector<store::TrackFeatures> left_out;
    for (const auto& track : tracks)
      if (track.source == store::kCatalogArtistSource) left_out.push_back(track);
    for (const auto& assignment : mood::assign_to_clusters(model.centroids, left_out))
      assignments.push_back(assignment);
    report.tracks_joined_from_catalog_artists = static_cast<std::int64_t>(left_out.size());
  }
  mark_feature_sources(assignments, tracks);
  store::replace_clustering(db, model.model_id, stored_form(report.clusters), assignments);
  if (options.propagate) {
    report.tracks_propagated =
        store_propagated_clusters(db, model.model_id, model.labels, assignments, options.min_confidence);
  }
  mood::save_mood_cluster_model(report.model_path, model);
  transaction.commit();
  report.coverage = mood_coverage(db);
  if (options.evaluate_propagation)
    report.propagation_evaluation =
        evaluate_mood_propagation(db, {.propagation = {.min_confidence = options.min_confidence}});

  record_run(run, options, report);
  run.log_artifact(report.model_path);
  run.finish();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

std::int64_t assign_new_tracks_to_clusters(store::Database& db) {
  const auto model_id = store::clustering_model_id(db);
  if (!model_id) return 0;
  store::Transaction transaction(db);
  const auto tracks = store::unclustered_tracks_with_features(db);
  if (tracks.empty()) return 0;
  const auto centroids = mood::centroids_from_stored(store::stored_clusters(db));
  auto assignments = mood::assign_to_clusters(centroids, tracks);
  mark_feature_sources(assignments, tracks);
  store::store_track_clusters(db, *model_id, assignments);
  transaction.commit();
  if (!assignments.empty()) spdlog::info("{} new tracks joined their nearest mood cluster", assignments.size());
  return static_cast<std::int64_t>(assignments.size());
}

}  // namespace sonic::pipeline
