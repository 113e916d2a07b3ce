#include "sonic/mood/mood_clusters.hpp"

#include "sonic/core/error.hpp"
#include "sonic/features/cluster_features.hpp"
#include "sonic/ml/common/model_json_reader.hpp"
#include "sonic/ml/kmeans/kmeans.hpp"
#include "sonic/mood/cluster_labels.hpp"

#include <algorithm>

namespace sonic::mood {
namespace {

using features::cluster_vector;
using features::ClusterVector;
using features::kClusterFeatureCount;
using features::kClusterFeatureNames;

std::vector<std::string> feature_names() { return {kClusterFeatureNames.begin(), kClusterFeatureNames.end()}; }

struct Samples {
  Eigen::MatrixXd matrix;
  std::vector<std::int64_t> track_ids;
  std::int64_t incomplete = 0;
};

Samples cluster_samples(const std::vector<store::TrackFeatures>& tracks) {
  Samples samples;
  std::vector<ClusterVector> rows;
  for (const auto& track : tracks) {
    if (const auto vector = cluster_vector(track.features)) {
      rows.push_back(*vector);
      samples.track_ids.push_back(track.track_id);
    } else {
      ++samples.incomplete;
    }
  }
  samples.matrix.resize(static_cast<Eigen::Index>(rows.size()), kClusterFeatureCount);
  for (std::size_t i = 0; i < rows.size(); ++i) samples.matrix.row(static_cast<Eigen::Index>(i)) = rows[i];
  return samples;
}

}  // namespace

int minimum_tracks_to_cluster(const ClusterFitOptions& options) {
  return options.k ? *options.k : options.k_min * ml::KSelectionOptions{}.min_rows_per_cluster;
}

ClusteredTracks fit_mood_clusters(const std::vector<store::TrackFeatures>& tracks, const ClusterFitOptions& options,
                                  std::string model_id) {
  const Samples samples = cluster_samples(tracks);
  const auto rows = samples.matrix.rows();
  ml::KSelectionOptions selection;
  selection.k_min = options.k_min;
  selection.k_max = options.k_max;
  selection.forced_k = options.k;
  selection.kmeans.n_init = options.restarts;
  selection.kmeans.seed = options.seed;
  selection.kmeans.num_threads = options.threads;
  const int needed = minimum_tracks_to_cluster(options);
  if (rows < needed) {
    throw InputError("only " + std::to_string(rows) + " of the history's tracks have all six audio features (" +
                     std::to_string(samples.incomplete) + " more have some): at least " + std::to_string(needed) +
                     " are needed to find mood clusters; add features with `sonic import-features` or "
                     "`sonic enrich`, or try `--impute artist`");
  }
  const auto chosen = ml::select_k(samples.matrix, selection);

  ClusteredTracks result;
  result.skipped_incomplete = samples.incomplete;
  auto& model = result.model;
  model.model_id = std::move(model_id);
  model.centroids = chosen.model.centroids;
  model.labels = cluster_labels(model.centroids);
  model.sizes.assign(static_cast<std::size_t>(model.k()), 0);
  model.seed = options.seed;
  model.choice = chosen.choice;
  model.candidates = chosen.candidates;
  for (Eigen::Index row = 0; row < rows; ++row) {
    const int cluster = chosen.model.labels(row);
    ++model.sizes[static_cast<std::size_t>(cluster)];
    const double distance = (samples.matrix.row(row) - model.centroids.row(cluster)).norm();
    result.assignments.push_back({samples.track_ids[static_cast<std::size_t>(row)], cluster, distance});
  }
  return result;
}

std::vector<store::TrackCluster> assign_to_clusters(const Eigen::MatrixXd& centroids,
                                                    const std::vector<store::TrackFeatures>& tracks) {
  const Samples samples = cluster_samples(tracks);
  std::vector<store::TrackCluster> assignments;
  if (samples.matrix.rows() == 0) return assignments;
  const Eigen::VectorXi nearest = ml::assign_to_nearest(centroids, samples.matrix, 1);
  for (Eigen::Index row = 0; row < samples.matrix.rows(); ++row) {
    const int cluster = nearest(row);
    assignments.push_back({samples.track_ids[static_cast<std::size_t>(row)], cluster,
                           (samples.matrix.row(row) - centroids.row(cluster)).norm()});
  }
  return assignments;
}

nlohmann::json centroid_json(const Eigen::MatrixXd& centroids, int cluster) {
  nlohmann::json centroid = nlohmann::json::object();
  for (int column = 0; column < kClusterFeatureCount; ++column) {
    centroid[std::string(kClusterFeatureNames[static_cast<std::size_t>(column)])] = centroids(cluster, column);
  }
  return centroid;
}

Eigen::MatrixXd centroids_from_stored(const std::vector<store::StoredCluster>& clusters) {
  Eigen::MatrixXd centroids(static_cast<Eigen::Index>(clusters.size()), kClusterFeatureCount);
  for (std::size_t row = 0; row < clusters.size(); ++row) {
    const auto json = nlohmann::json::parse(clusters[row].centroid_json, nullptr, false);
    for (int column = 0; column < kClusterFeatureCount; ++column) {
      const auto name = std::string(kClusterFeatureNames[static_cast<std::size_t>(column)]);
      if (!json.is_object() || !json.contains(name) || !json[name].is_number()) {
        throw InputError("the store's mood cluster " + std::to_string(clusters[row].cluster) +
                         " has no usable centroid '" + name + "': run `sonic cluster` again");
      }
      centroids(static_cast<Eigen::Index>(row), column) = json[name].get<double>();
    }
  }
  return centroids;
}

void save_mood_cluster_model(const std::filesystem::path& path, const MoodClusterModel& model) {
  tracking::ModelFileInfo info;
  info.format = mood::kMoodClusters.format;
  info.version = mood::kMoodClusters.version;
  info.model_id = model.model_id;
  info.feature_names = feature_names();
  info.seed = model.seed;
  nlohmann::json candidates = nlohmann::json::array();
  for (const auto& candidate : model.candidates) {
    candidates.push_back(
        {{"k", candidate.k},
         {"inertia", candidate.inertia},
         {"silhouette", std::isnan(candidate.silhouette) ? nlohmann::json() : nlohmann::json(candidate.silhouette)}});
  }
  info.metrics = {
      {"k", model.k()}, {"k_reason", std::string(ml::describe(model.choice.reason))}, {"candidates", candidates}};
  nlohmann::json clusters = nlohmann::json::array();
  for (int cluster = 0; cluster < model.k(); ++cluster) {
    clusters.push_back({{"label", model.labels[static_cast<std::size_t>(cluster)]},
                        {"size", model.sizes[static_cast<std::size_t>(cluster)]},
                        {"centroid", centroid_json(model.centroids, cluster)}});
  }
  tracking::save_model_file(path, info, {{"clusters", clusters}});
}

MoodClusterModel load_mood_cluster_model(const std::filesystem::path& path) {
  const auto file = tracking::load_model_file(path, mood::kMoodClusters.format, mood::kMoodClusters.version,
                                              mood::kMoodClusters.how_to_make());
  return tracking::reading_model_file(path, [&] {
    const auto reader = file.reader();
    const auto names = feature_names();
    reader.require_feature_names(file.info.feature_names, names);
    const auto& clusters = reader.array(reader.field(file.model(), "clusters", "model"), "model.clusters");
    if (clusters.empty()) reader.fail("model.clusters", "is empty");
    MoodClusterModel model;
    model.model_id = file.info.model_id;
    model.seed = file.info.seed;
    model.centroids.resize(static_cast<Eigen::Index>(clusters.size()), kClusterFeatureCount);
    for (std::size_t i = 0; i < clusters.size(); ++i) {
      const std::string where = "model.clusters[" + std::to_string(i) + "]";
      model.labels.push_back(reader.string(reader.field(clusters[i], "label", where), where + ".label"));
      model.sizes.push_back(reader.positive_integer(reader.field(clusters[i], "size", where), where + ".size"));
      const auto& centroid = reader.object(reader.field(clusters[i], "centroid", where), where + ".centroid");
      for (int column = 0; column < kClusterFeatureCount; ++column) {
        const char* name = kClusterFeatureNames[static_cast<std::size_t>(column)].data();
        const auto& value = reader.field(centroid, name, where + ".centroid");
        if (!value.is_number()) reader.fail(where + ".centroid." + name, "must be a number");
        model.centroids(static_cast<Eigen::Index>(i), column) = value.get<double>();
      }
    }
    model.choice.k = model.k();
    return model;
  });
}

}  // namespace sonic::mood
