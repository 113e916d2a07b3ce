#pragma once
// `sonic cluster`: (optionally) impute missing features from the artist's other tracks, fit the
// mood clusters, propagate a cluster to tracks without features (pipeline/mood_propagation.hpp), save the model file,
// replace the stored clustering and record the run in mlruns — the store and the model file change only when the fit
// succeeded.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sonic/core/home.hpp"
#include "sonic/mood/mood_clusters.hpp"
#include "sonic/pipeline/mood_propagation.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

// The cluster source of a track whose features a catalog row of the same artist and title gave
// (import-features' name match). Its confidence is below an ID match's 1: the same name may be
// another recording, and on the shared histories the name was never checked against an ID.
inline constexpr std::string_view kCatalogNameMatchSource = "catalog_name_match";
inline constexpr double kCatalogNameMatchConfidence = 0.8;
// A track given its artist's mean catalog features (store/catalog_artist_features.hpp).
inline constexpr double kCatalogArtistConfidence = 0.5;

struct ClusterRunOptions {
  mood::ClusterFitOptions fit;
  bool impute_artist = false;
  bool propagate = true;              // a propagated cluster for tracks without features
  double min_confidence = 0;          // of a propagated cluster, to be stored
  bool evaluate_propagation = false;  // also hide 20% of the features (five seeds) and score
};

struct ClusterSummary {
  int cluster = 0;
  std::string label;
  std::int64_t size = 0;
  nlohmann::json centroid;
};

struct ClusterMoodsResult {
  int k = 0;
  std::string k_reason;
  std::vector<ml::KCandidate> candidates;
  std::vector<ClusterSummary> clusters;
  std::int64_t tracks_clustered = 0;
  std::int64_t tracks_without_features = 0;  // after imputation, when asked
  std::int64_t tracks_incomplete = 0;        // some features, not all six
  std::int64_t tracks_imputed = 0;
  std::int64_t tracks_propagated = 0;
  // Tracks at their artist's catalog mean that joined the nearest centroid after the fit (not in
  // tracks_clustered); 0 on a cold start, when the fit itself took them.
  std::int64_t tracks_joined_from_catalog_artists = 0;
  MoodCoverage coverage;
  std::optional<mood::PropagationEvaluation> propagation_evaluation;
  std::string run_id;
  std::filesystem::path model_path;
  double seconds = 0;
};

ClusterMoodsResult cluster_moods(store::Database& db, const Home& home, const ClusterRunOptions& options);

// Tracks that gained features since the last clustering go to their nearest centroid (no
// re-clustering). Does nothing before the first `sonic cluster`. Returns how many were assigned.
std::int64_t assign_new_tracks_to_clusters(store::Database& db);

}  // namespace sonic::pipeline
