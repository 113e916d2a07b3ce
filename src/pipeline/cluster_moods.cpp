#include "sonic/pipeline/cluster_moods.hpp"

#include "sonic/core/utc_time.hpp"
#include "sonic/store/mood_store.hpp"
#include "sonic/tracking/mlflow_store.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <set>

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
  auto fitted = mood::fit_mood_clusters(tracks, options.fit, run.run_id());
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
  std::set<std::int64_t> imputed;
  for (const auto& track : tracks)
    if (track.source.starts_with("imputed:")) imputed.insert(track.track_id);
  for (auto& assignment : assignments)
    if (imputed.contains(assignment.track_id)) assignment.source = "artist_mean";
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
  const auto assignments = mood::assign_to_clusters(centroids, tracks);
  store::store_track_clusters(db, *model_id, assignments);
  transaction.commit();
  if (!assignments.empty()) spdlog::info("{} new tracks joined their nearest mood cluster", assignments.size());
  return static_cast<std::int64_t>(assignments.size());
}

}  // namespace sonic::pipeline
