#include "sonic/pipeline/catalog_lab.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <optional>
#include <random>

#include "sonic/core/error.hpp"
#include "sonic/mood/mood_clusters.hpp"

namespace sonic::pipeline {

store::CatalogSummary resolve_catalog(store::Database& db, const std::string& name) {
  const std::vector<store::CatalogSummary> catalogs = store::list_catalogs(db);
  std::string names;
  for (const auto& catalog : catalogs) names += (names.empty() ? "" : ", ") + catalog.name;
  if (catalogs.empty()) throw InputError("no catalog imported yet: run `sonic catalog import FILE.csv`");
  if (name.empty()) {
    if (catalogs.size() > 1) throw UsageError("several catalogs are imported (" + names + "): name one with --catalog");
    return catalogs.front();
  }
  for (const auto& catalog : catalogs) {
    if (catalog.name == name) return catalog;
  }
  throw InputError("no catalog named '" + name + "'; the catalogs are: " + names);
}

catalog::TrendsResult catalog_trends(store::Database& db, const std::string& catalog,
                                     const catalog::TrendOptions& options) {
  const store::CatalogSummary summary = resolve_catalog(db, catalog);
  catalog::catalog_feature_indexes(options.features);  // an unknown feature fails before the read
  catalog::TrendsResult result;
  if (const std::optional<store::CatalogPeriods> periods = store::read_chunk_periods(db, summary.id)) {
    // Chunk by chunk into the trend columns: the catalog's rows are never held all at once.
    catalog::TrendColumns columns(options.by == catalog::TrendPeriod::year ? periods->years : periods->decades,
                                  options);
    store::read_chunk_features(
        db, summary.id,
        [&](std::size_t first, std::span<const records::CatalogFeatureValues> rows) { columns.add(first, rows); });
    result = columns.finish();
  } else {
    result = catalog::compute_trends(store::read_catalog_table(db, summary.id, {}), options);
  }
  result.catalog = summary.name;
  return result;
}

CatalogClustersResult catalog_clusters(store::Database& db, const std::string& catalog,
                                       const CatalogClusterOptions& options) {
  const store::CatalogSummary summary = resolve_catalog(db, catalog);
  return cluster_catalog_table(store::read_catalog_table(db, summary.id, {}), summary.name, options);
}

CatalogClustersResult cluster_catalog_table(const records::CatalogTable& table, const std::string& catalog_name,
                                            const CatalogClusterOptions& options) {
  // The rows to fit: all, or a seeded sample kept in file order.
  std::vector<std::size_t> rows(table.size());
  std::iota(rows.begin(), rows.end(), std::size_t{0});
  const bool sampled = options.sample > 0 && rows.size() > options.sample;
  if (sampled) {
    std::mt19937_64 random(options.seed);
    for (std::size_t i = 0; i < options.sample; ++i) {
      std::uniform_int_distribution<std::size_t> pick(i, rows.size() - 1);
      std::swap(rows[i], rows[pick(random)]);
    }
    rows.resize(options.sample);
    std::sort(rows.begin(), rows.end());
  }
  // The mood clusters' fit takes tracks; a catalog row's index stands in for the track id.
  std::vector<store::TrackFeatures> tracks(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    tracks[i].track_id = static_cast<std::int64_t>(rows[i]);
    for (std::size_t f = 0; f < records::kAudioFeatureCount; ++f) {
      const double value = table.features[rows[i]][f];
      if (!std::isnan(value)) tracks[i].features.values[f] = value;
    }
  }
  mood::ClusterFitOptions fit;
  fit.k = options.k;
  fit.k_min = options.k_min;
  fit.k_max = options.k_max;
  fit.restarts = options.restarts;
  fit.seed = options.seed;
  fit.threads = options.threads;
  const mood::ClusteredTracks clustered = mood::fit_mood_clusters(tracks, fit, "catalog:" + catalog_name);

  CatalogClustersResult result;
  result.catalog = catalog_name;
  result.sampled_from = sampled ? static_cast<std::int64_t>(table.size()) : 0;
  result.k = clustered.model.k();
  result.centroids = clustered.model.centroids;
  result.k_reason = std::string(ml::describe(clustered.model.choice.reason));
  for (const ml::KCandidate& candidate : clustered.model.candidates) {
    result.silhouettes.emplace_back(candidate.k, candidate.silhouette);
  }
  result.tracks_clustered = static_cast<std::int64_t>(clustered.assignments.size());
  result.tracks_incomplete = clustered.skipped_incomplete;
  result.clusters.resize(static_cast<std::size_t>(result.k));
  std::vector<std::vector<int>> decades(result.clusters.size());
  const auto feature = [&](std::size_t row, records::AudioFeature f) {
    return table.features[row][static_cast<std::size_t>(f)];
  };
  for (const store::TrackCluster& assignment : clustered.assignments) {
    CatalogCluster& cluster = result.clusters[static_cast<std::size_t>(assignment.cluster)];
    const auto row = static_cast<std::size_t>(assignment.track_id);
    ++cluster.tracks;
    if (cluster.points.size() < options.map_points) {
      cluster.points.emplace_back(feature(row, records::AudioFeature::valence),
                                  feature(row, records::AudioFeature::energy));
    }
    cluster.valence += feature(row, records::AudioFeature::valence);
    cluster.energy += feature(row, records::AudioFeature::energy);
    cluster.danceability += feature(row, records::AudioFeature::danceability);
    cluster.acousticness += feature(row, records::AudioFeature::acousticness);
    if (table.decades[row]) decades[static_cast<std::size_t>(assignment.cluster)].push_back(table.decades[row]);
  }
  for (std::size_t c = 0; c < result.clusters.size(); ++c) {
    CatalogCluster& cluster = result.clusters[c];
    cluster.label = clustered.model.labels[c];
    const double n = cluster.tracks > 0 ? static_cast<double>(cluster.tracks) : 1;
    cluster.valence /= n;
    cluster.energy /= n;
    cluster.danceability /= n;
    cluster.acousticness /= n;
    auto& members = decades[c];
    if (!members.empty()) {
      std::nth_element(members.begin(), members.begin() + static_cast<std::ptrdiff_t>(members.size() / 2),
                       members.end());
      cluster.median_decade = members[members.size() / 2];
    }
  }
  return result;
}

nlohmann::json to_json(const CatalogClustersResult& result) {
  nlohmann::json clusters = nlohmann::json::array();
  for (const CatalogCluster& cluster : result.clusters) {
    clusters.push_back(
        {{"label", cluster.label},
         {"tracks", cluster.tracks},
         {"valence", cluster.valence},
         {"energy", cluster.energy},
         {"danceability", cluster.danceability},
         {"acousticness", cluster.acousticness},
         {"median_decade", cluster.median_decade ? nlohmann::json(cluster.median_decade) : nlohmann::json()}});
  }
  nlohmann::json silhouettes = nlohmann::json::array();
  for (const auto& [k, silhouette] : result.silhouettes) {
    silhouettes.push_back(
        {{"k", k}, {"silhouette", std::isnan(silhouette) ? nlohmann::json() : nlohmann::json(silhouette)}});
  }
  return {{"catalog", result.catalog},
          {"k", result.k},
          {"k_reason", result.k_reason},
          {"candidates", silhouettes},
          {"tracks_clustered", result.tracks_clustered},
          {"tracks_incomplete", result.tracks_incomplete},
          {"sampled_from", result.sampled_from ? nlohmann::json(result.sampled_from) : nlohmann::json()},
          {"clusters", clusters}};
}

std::string to_text(const CatalogClustersResult& result) {
  std::string text = "catalog " + result.catalog + ": " + std::to_string(result.k) + " clusters of sound (" +
                     result.k_reason + "), " + std::to_string(result.tracks_clustered) + " tracks\n";
  for (const CatalogCluster& cluster : result.clusters) {
    char line[256];
    std::snprintf(line, sizeof line, "  %-48s %8lld tracks  valence %.2f  energy %.2f  median decade %s\n",
                  cluster.label.c_str(), static_cast<long long>(cluster.tracks), cluster.valence, cluster.energy,
                  cluster.median_decade ? (std::to_string(cluster.median_decade) + "s").c_str() : "-");
    text += line;
  }
  return text;
}

}  // namespace sonic::pipeline
