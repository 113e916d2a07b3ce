#include "sonic/pipeline/catalog_placement.hpp"

#include <cmath>
#include <map>
#include <optional>

#include "sonic/core/error.hpp"
#include "sonic/pipeline/catalog_lab.hpp"
#include "sonic/pipeline/catalog_report.hpp"
#include "sonic/store/catalog_placement_fits.hpp"
#include "sonic/store/catalog_store.hpp"
#include "sonic/store/dashboard_queries.hpp"

namespace sonic::pipeline {
namespace {

constexpr double kMsPerHour = 3'600'000.0;

double share(double part, double whole) { return whole > 0 ? std::round(part / whole * 10000) / 10000 : 0.0; }

// What a render needs of a catalog, fitted once and kept (store/catalog_placement_fits.hpp).
struct PlacementClusters {
  int k = 0;
  std::int64_t fitted_on = 0;
  std::vector<std::string> labels;
  std::vector<std::int64_t> tracks;  // per cluster, of the fitted ones
  Eigen::MatrixXd centroids;         // to place the person's tracks
};
struct PlacementFit {
  std::map<int, std::int64_t> decade_tracks;  // the catalog's tracks per known decade
  std::optional<PlacementClusters> clusters;  // none: too few tracks to cluster
};

// The catalog's clusters as its own report fits them (same seed and sample).
PlacementFit fit_placement(const records::CatalogTable& table, const std::string& catalog_name) {
  PlacementFit fit;
  for (const int decade : table.decades) {
    if (decade != 0) ++fit.decade_tracks[decade];
  }
  CatalogClusterOptions options;
  const CatalogReportOptions report_defaults;
  options.sample = report_defaults.cluster_sample;
  options.seed = report_defaults.seed;
  CatalogClustersResult clusters;
  try {
    clusters = cluster_catalog_table(table, catalog_name, options);
  } catch (const InputError&) {
    return fit;  // too few tracks with the six features to cluster
  }
  PlacementClusters& kept = fit.clusters.emplace();
  kept.k = clusters.k;
  kept.fitted_on = clusters.tracks_clustered;
  for (const CatalogCluster& cluster : clusters.clusters) {
    kept.labels.push_back(cluster.label);
    kept.tracks.push_back(cluster.tracks);
  }
  kept.centroids = clusters.centroids;
  return fit;
}

// The settings and the catalog a kept fit was made for: another import (a new time, maybe the
// same size) or other fit settings make another fingerprint. "v1" names this JSON's shape.
std::string placement_fingerprint(const store::CatalogSummary& catalog) {
  const CatalogReportOptions report_defaults;
  return "v1 imported_ms=" + std::to_string(catalog.imported_ms) + " tracks=" + std::to_string(catalog.tracks) +
         " sample=" + std::to_string(report_defaults.cluster_sample) + " seed=" + std::to_string(report_defaults.seed);
}

nlohmann::json placement_fit_json(const PlacementFit& fit) {
  nlohmann::json decades = nlohmann::json::array();
  for (const auto& [decade, tracks] : fit.decade_tracks) decades.push_back({decade, tracks});
  nlohmann::json clusters = nullptr;
  if (fit.clusters) {
    const Eigen::MatrixXd& centroids = fit.clusters->centroids;
    nlohmann::json rows = nlohmann::json::array();
    for (Eigen::Index r = 0; r < centroids.rows(); ++r) {
      nlohmann::json row = nlohmann::json::array();
      for (Eigen::Index c = 0; c < centroids.cols(); ++c) row.push_back(centroids(r, c));  // round-trips exactly
      rows.push_back(std::move(row));
    }
    clusters = {{"k", fit.clusters->k},
                {"fitted_on", fit.clusters->fitted_on},
                {"labels", fit.clusters->labels},
                {"tracks", fit.clusters->tracks},
                {"centroids", rows}};
  }
  return {{"decade_tracks", decades}, {"clusters", clusters}};
}

// A kept fit back; nothing when it is not one this code wrote (then it is fitted again).
std::optional<PlacementFit> placement_fit_from_json(const std::string& text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  try {
    PlacementFit fit;
    for (const auto& decade : json.at("decade_tracks")) {
      fit.decade_tracks[decade.at(0).get<int>()] = decade.at(1).get<std::int64_t>();
    }
    const auto& clusters = json.at("clusters");
    if (clusters.is_null()) return fit;
    PlacementClusters& kept = fit.clusters.emplace();
    kept.k = clusters.at("k").get<int>();
    kept.fitted_on = clusters.at("fitted_on").get<std::int64_t>();
    kept.labels = clusters.at("labels").get<std::vector<std::string>>();
    kept.tracks = clusters.at("tracks").get<std::vector<std::int64_t>>();
    const auto& rows = clusters.at("centroids");
    const auto columns = rows.empty() ? std::size_t{0} : rows.at(0).size();
    if (kept.labels.size() != static_cast<std::size_t>(kept.k) || kept.tracks.size() != kept.labels.size() ||
        rows.size() != kept.labels.size()) {
      return std::nullopt;
    }
    kept.centroids.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(columns));
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (rows[r].size() != columns) return std::nullopt;
      for (std::size_t c = 0; c < columns; ++c) {
        kept.centroids(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rows[r][c].get<double>();
      }
    }
    return fit;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

// The kept fit when it is this catalog's, else one fitted for this render alone (a report only
// reads; the import keeps the fit).
PlacementFit placement_fit(store::Database& db, const store::CatalogSummary& catalog) {
  if (const auto kept = store::cached_catalog_placement_fit(db, catalog.id, placement_fingerprint(catalog))) {
    if (auto fit = placement_fit_from_json(*kept)) return std::move(*fit);
  }
  return fit_placement(store::read_catalog_table(db, catalog.id, {}), catalog.name);
}

nlohmann::json decades_json(const std::vector<store::CatalogListen>& listens, const PlacementFit& fit) {
  std::map<int, double> listened_ms, catalog_tracks;  // by decade, unknown left out
  double listened_total = 0, catalog_total = 0;
  for (const auto& listen : listens) {
    if (listen.decade == 0) continue;
    listened_ms[listen.decade] += static_cast<double>(listen.ms_played);
    listened_total += static_cast<double>(listen.ms_played);
    catalog_tracks[listen.decade] += 0;  // a decade the person hears is listed even if rare
  }
  for (const auto& [decade, tracks] : fit.decade_tracks) {
    catalog_tracks[decade] += static_cast<double>(tracks);
    catalog_total += static_cast<double>(tracks);
  }
  nlohmann::json decades = nlohmann::json::array();
  for (const auto& [decade, tracks] : catalog_tracks) {
    decades.push_back({{"decade", decade},
                       {"your_share", share(listened_ms[decade], listened_total)},
                       {"catalog_share", share(tracks, catalog_total)}});
  }
  return decades;
}

// Each matched listen's track placed at its nearest centroid of the catalog's clusters.
nlohmann::json clusters_json(const std::vector<store::CatalogListen>& listens, const PlacementFit& fit) {
  if (!fit.clusters) return nullptr;
  const PlacementClusters& clusters = *fit.clusters;
  std::vector<store::TrackFeatures> tracks(listens.size());
  for (std::size_t i = 0; i < listens.size(); ++i) {
    tracks[i].track_id = static_cast<std::int64_t>(i);
    for (std::size_t f = 0; f < records::kAudioFeatureCount; ++f) {
      if (!std::isnan(listens[i].features[f])) tracks[i].features.values[f] = listens[i].features[f];
    }
  }
  std::vector<double> listened_ms(clusters.labels.size(), 0);
  double listened_total = 0;
  for (const store::TrackCluster& placed : mood::assign_to_clusters(clusters.centroids, tracks)) {
    const auto ms = static_cast<double>(listens[static_cast<std::size_t>(placed.track_id)].ms_played);
    listened_ms[static_cast<std::size_t>(placed.cluster)] += ms;
    listened_total += ms;
  }
  nlohmann::json items = nlohmann::json::array();
  for (std::size_t c = 0; c < clusters.labels.size(); ++c) {
    items.push_back(
        {{"label", clusters.labels[c]},
         {"your_share", share(listened_ms[c], listened_total)},
         {"catalog_share", share(static_cast<double>(clusters.tracks[c]), static_cast<double>(clusters.fitted_on))}});
  }
  return {{"k", clusters.k}, {"fitted_on", clusters.fitted_on}, {"items", items}};
}

}  // namespace

void keep_catalog_placement_fit(store::Database& db, const store::CatalogSummary& catalog) {
  const PlacementFit fit = fit_placement(store::read_catalog_table(db, catalog.id, {}), catalog.name);
  store::save_catalog_placement_fit(db, catalog.id, placement_fingerprint(catalog), placement_fit_json(fit).dump());
}

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
    const PlacementFit fit = placement_fit(db, catalog);
    section.push_back({{"catalog", catalog.name},
                       {"tracks", catalog.tracks},
                       {"listens", listens.size()},
                       {"hours", std::round(matched_ms / kMsPerHour * 100) / 100},
                       {"share_of_listening", share(matched_ms, period_ms)},
                       {"decades", decades_json(listens, fit)},
                       {"clusters", clusters_json(listens, fit)}});
  }
  return section;
}

}  // namespace sonic::pipeline
