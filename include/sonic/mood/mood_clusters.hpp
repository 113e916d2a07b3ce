#pragma once
// The person's mood clusters: K-Means over their tracks' cluster features with K chosen by
// silhouette (elbow fallback), readable labels, and nearest-centroid assignment of new tracks.
// Saved as a "sonic-mood-clusters" model file (tracking/model_file.hpp envelope).
#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sonic/ml/kmeans/k_selection.hpp"
#include "sonic/store/mood_store.hpp"
#include "sonic/tracking/model_file.hpp"
#include "sonic/tracking/model_kinds.hpp"

namespace sonic::mood {

// The mood clusters as a kind of model (see tracking/model_kinds.hpp).
inline constexpr std::string_view kMoodClustersHeadlines[] = {"k", "silhouette_chosen", "tracks_clustered",
                                                              "tracks_without_features"};
inline constexpr tracking::ModelKind kMoodClusters{
    "mood-clusters",        "mood-clusters", "mood_clusters.json", "sonic-mood-clusters", 1,
    kMoodClustersHeadlines, "sonic cluster"};

struct MoodClusterModel {
  std::string model_id;
  Eigen::MatrixXd centroids;  // k × kClusterFeatureCount
  std::vector<std::string> labels;
  std::vector<std::int64_t> sizes;  // tracks per cluster at fitting time
  std::uint64_t seed = 0;
  ml::KChoice choice;
  std::vector<ml::KCandidate> candidates;

  int k() const { return static_cast<int>(centroids.rows()); }
};

struct ClusterFitOptions {
  std::optional<int> k;  // forced K; otherwise chosen from k_min..k_max (at most n / 10)
  int k_min = 3;
  int k_max = 15;
  int restarts = 10;
  std::uint64_t seed = 42;
  int threads = 0;
};

struct ClusteredTracks {
  MoodClusterModel model;
  std::vector<store::TrackCluster> assignments;
  std::int64_t skipped_incomplete = 0;  // tracks with some, but not all six, features
};

// How many tracks with all six features a fit needs (a forced K, else k_min clusters' worth).
int minimum_tracks_to_cluster(const ClusterFitOptions& options);

// Throws InputError when too few tracks have the six features to cluster.
ClusteredTracks fit_mood_clusters(const std::vector<store::TrackFeatures>& tracks, const ClusterFitOptions& options,
                                  std::string model_id);

// Nearest centroid for each track that has all six features (others are left out).
std::vector<store::TrackCluster> assign_to_clusters(const Eigen::MatrixXd& centroids,
                                                    const std::vector<store::TrackFeatures>& tracks);

// The centroid as {"valence": …, "energy": …, …}.
nlohmann::json centroid_json(const Eigen::MatrixXd& centroids, int cluster);
Eigen::MatrixXd centroids_from_stored(const std::vector<store::StoredCluster>& clusters);

void save_mood_cluster_model(const std::filesystem::path& path, const MoodClusterModel& model);
// Every problem (missing, truncated, newer format, other features) is an InputError naming the file.
MoodClusterModel load_mood_cluster_model(const std::filesystem::path& path);

}  // namespace sonic::mood
