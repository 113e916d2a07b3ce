// The dashboard's "clusters": each mood cluster with its place on the valence × energy plane and
// a deterministic sample of its tracks for a scatter.
#include "dashboard_clusters.hpp"

#include <map>

#include "report_format.hpp"
#include "sonic/store/dashboard_queries.hpp"

namespace sonic::report::detail {
namespace {

// Enough points to show a cluster's shape; the HTML stays small with a dozen clusters.
constexpr std::size_t kMaxPointsPerCluster = 80;

struct ClusterRow {
  nlohmann::json json;
  std::vector<std::pair<double, double>> points;  // ordered by track id
};

// Evenly spaced members (by track id), so the sample is the same on every run.
nlohmann::json sampled(const std::vector<std::pair<double, double>>& points) {
  nlohmann::json list = nlohmann::json::array();
  const std::size_t count = points.size();
  const std::size_t take = std::min(count, kMaxPointsPerCluster);
  for (std::size_t i = 0; i < take; ++i) {
    const auto& [valence, energy] = points[i * count / take];
    list.push_back({rounded(valence, 3), rounded(energy, 3)});
  }
  return list;
}

}  // namespace

nlohmann::json clusters_section(store::Database& db, const insight::PeriodSpan& span) {
  std::map<std::int64_t, ClusterRow> clusters;
  std::string model_id;
  for (const auto& row : store::cluster_headings(db)) {
    model_id = row.model_id;  // one model's rows: they share it
    clusters[row.cluster].json = {{"cluster", row.cluster}, {"label", row.label}, {"size", row.size},
                                  {"listens", 0},           {"valence", nullptr}, {"energy", nullptr}};
  }
  if (clusters.empty()) return {{"model_id", nullptr}, {"items", nlohmann::json::array()}};

  // The stored centroid is on the clustering scale (standardised); the members' mean audio
  // features put each cluster on the plane a person reads (0..1).
  for (const auto& mean : store::cluster_mean_points(db, model_id)) {
    const auto found = clusters.find(mean.cluster);
    if (found == clusters.end()) continue;
    found->second.json["valence"] = rounded(mean.valence, 3);
    found->second.json["energy"] = rounded(mean.energy, 3);
  }

  for (const auto& count : store::cluster_listens_in_period(db, model_id, span.from_ms, span.to_ms)) {
    const auto found = clusters.find(count.cluster);
    if (found != clusters.end()) found->second.json["listens"] = count.listens;
  }

  // Members heard in the period.
  for (const auto& point : store::cluster_members_heard(db, model_id, span.from_ms, span.to_ms)) {
    const auto found = clusters.find(point.cluster);
    if (found != clusters.end()) found->second.points.emplace_back(point.valence, point.energy);
  }

  nlohmann::json items = nlohmann::json::array();
  for (auto& [number, cluster] : clusters) {
    cluster.json["points"] = sampled(cluster.points);
    items.push_back(std::move(cluster.json));
  }
  return {{"model_id", model_id}, {"items", items}};
}

}  // namespace sonic::report::detail
