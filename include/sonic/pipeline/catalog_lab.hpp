#pragma once
// The catalog lab's read-only steps over an imported catalog: which catalog a command means,
// its trends (catalog/trends.hpp) and its clusters of sound (the mood clusters' K-Means, K
// selection and labels, run over the catalog's tracks instead of the history's).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sonic/catalog/trends.hpp"
#include "sonic/mood/mood_clusters.hpp"
#include "sonic/store/catalog_store.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

// The catalog of that name; with no name, the only one. InputError when none is imported or the
// name is unknown (listing the names); UsageError when several exist and none is named.
store::CatalogSummary resolve_catalog(store::Database& db, const std::string& name);

catalog::TrendsResult catalog_trends(store::Database& db, const std::string& catalog,
                                     const catalog::TrendOptions& options);

struct CatalogClusterOptions {
  std::optional<int> k;
  int k_min = 3;
  int k_max = 12;
  int restarts = 4;
  std::uint64_t seed = 42;
  int threads = 0;
  std::size_t map_points = 0;  // members per cluster kept as points for a map (the first ones)
  std::size_t sample = 0;      // fit on a seeded sample of this many tracks (0: every track)
};

struct CatalogCluster {
  std::string label;
  std::int64_t tracks = 0;
  double valence = 0;  // the members' mean audio features: the cluster map's axes
  double energy = 0;
  double danceability = 0;
  double acousticness = 0;
  int median_decade = 0;                          // 0 when no member has one
  std::vector<std::pair<double, double>> points;  // (valence, energy) of up to map_points members
};

struct CatalogClustersResult {
  std::string catalog;
  int k = 0;
  std::string k_reason;
  std::vector<std::pair<int, double>> silhouettes;  // every K tried
  std::vector<CatalogCluster> clusters;
  std::int64_t tracks_clustered = 0;
  std::int64_t tracks_incomplete = 0;  // without all six cluster features
  std::int64_t sampled_from = 0;       // the catalog's size when a sample was fitted, else 0
  Eigen::MatrixXd centroids;           // to place other tracks (mood::assign_to_clusters)
};

CatalogClustersResult catalog_clusters(store::Database& db, const std::string& catalog,
                                       const CatalogClusterOptions& options);
// The same over a catalog already read (numbers alone).
CatalogClustersResult cluster_catalog_table(const records::CatalogTable& table, const std::string& catalog_name,
                                            const CatalogClusterOptions& options);

nlohmann::json to_json(const CatalogClustersResult& result);
std::string to_text(const CatalogClustersResult& result);

}  // namespace sonic::pipeline
