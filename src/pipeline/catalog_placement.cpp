#include "sonic/pipeline/catalog_placement.hpp"

#include <cmath>
#include <map>

#include "sonic/core/error.hpp"
#include "sonic/pipeline/catalog_lab.hpp"
#include "sonic/pipeline/catalog_report.hpp"
#include "sonic/store/catalog_store.hpp"
#include "sonic/store/dashboard_queries.hpp"

namespace sonic::pipeline {
namespace {

constexpr double kMsPerHour = 3'600'000.0;

double share(double part, double whole) { return whole > 0 ? std::round(part / whole * 10000) / 10000 : 0.0; }

nlohmann::json decades_json(const std::vector<store::CatalogListen>& listens, const records::CatalogTable& table) {
  std::map<int, double> listened_ms, catalog_tracks;  // by decade, unknown left out
  double listened_total = 0, catalog_total = 0;
  for (const auto& listen : listens) {
    if (listen.decade == 0) continue;
    listened_ms[listen.decade] += static_cast<double>(listen.ms_played);
    listened_total += static_cast<double>(listen.ms_played);
    catalog_tracks[listen.decade] += 0;  // a decade the person hears is listed even if rare
  }
  for (const int decade : table.decades) {
    if (decade == 0) continue;
    catalog_tracks[decade] += 1;
    catalog_total += 1;
  }
  nlohmann::json decades = nlohmann::json::array();
  for (const auto& [decade, tracks] : catalog_tracks) {
    decades.push_back({{"decade", decade},
                       {"your_share", share(listened_ms[decade], listened_total)},
                       {"catalog_share", share(tracks, catalog_total)}});
  }
  return decades;
}

// The catalog's clusters as its own report fits them (same seed and sample), then each matched
// listen's track placed at its nearest centroid.
nlohmann::json clusters_json(const std::vector<store::CatalogListen>& listens, const records::CatalogTable& table,
                             const std::string& catalog_name) {
  CatalogClusterOptions options;
  const CatalogReportOptions report_defaults;
  options.sample = report_defaults.cluster_sample;
  options.seed = report_defaults.seed;
  CatalogClustersResult clusters;
  try {
    clusters = cluster_catalog_table(table, catalog_name, options);
  } catch (const InputError&) {
    return nullptr;  // too few tracks with the six features to cluster
  }
  std::vector<store::TrackFeatures> tracks(listens.size());
  for (std::size_t i = 0; i < listens.size(); ++i) {
    tracks[i].track_id = static_cast<std::int64_t>(i);
    for (std::size_t f = 0; f < records::kAudioFeatureCount; ++f) {
      if (!std::isnan(listens[i].features[f])) tracks[i].features.values[f] = listens[i].features[f];
    }
  }
  std::vector<double> listened_ms(clusters.clusters.size(), 0);
  double listened_total = 0;
  for (const store::TrackCluster& placed : mood::assign_to_clusters(clusters.centroids, tracks)) {
    const auto ms = static_cast<double>(listens[static_cast<std::size_t>(placed.track_id)].ms_played);
    listened_ms[static_cast<std::size_t>(placed.cluster)] += ms;
    listened_total += ms;
  }
  nlohmann::json items = nlohmann::json::array();
  for (std::size_t c = 0; c < clusters.clusters.size(); ++c) {
    items.push_back({{"label", clusters.clusters[c].label},
                     {"your_share", share(listened_ms[c], listened_total)},
                     {"catalog_share", share(static_cast<double>(clusters.clusters[c].tracks),
                                             static_cast<double>(clusters.tracks_clustered))}});
  }
  return {{"k", clusters.k}, {"fitted_on", clusters.tracks_clustered}, {"items", items}};
}

}  // namespace

nlohmann::json catalog_placement_section(store::Database& db, const insight::PeriodSpan& span) {
  nlohmann::json section = nlohmann::json::array();
  const std::vector<store::CatalogSummary> catalogs = store::list_catalogs(db);
  if (catalogs.empty()) return section;
  const auto period_ms = static_cast<double>(store::period_totals(db, span.from_ms, span.to_ms).ms_played);
  for (const store::CatalogSummary& catalog : catalogs) {
    const auto listens = store::catalog_listens_in_period(db, catalog.id, span.from_ms, span.to_ms);
    if (listens.empty()) continue;
    double matched_ms = 0;
    for (const auto& listen : listens) matched_ms += static_cast<double>(listen.ms_played);
    const records::CatalogTable table = store::read_catalog_table(db, catalog.id, {});
    section.push_back({{"catalog", catalog.name},
                       {"tracks", catalog.tracks},
                       {"listens", listens.size()},
                       {"hours", std::round(matched_ms / kMsPerHour * 100) / 100},
                       {"share_of_listening", share(matched_ms, period_ms)},
                       {"decades", decades_json(listens, table)},
                       {"clusters", clusters_json(listens, table, catalog.name)}});
  }
  return section;
}

}  // namespace sonic::pipeline
