// The dashboard's "clusters": each mood cluster with its place on the valence × energy plane and
// a deterministic sample of its tracks for a scatter.
#include <map>

#include "dashboard_sections.hpp"

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
  auto rows = db.prepare("SELECT cluster, label, size, model_id FROM mood_clusters ORDER BY cluster");
  while (rows.step()) {
    model_id = rows.text(3);  // one model's rows: they share it
    clusters[rows.integer(0)].json = {{"cluster", rows.integer(0)}, {"label", rows.text(1)},
                                      {"size", rows.integer(2)},    {"listens", 0},
                                      {"valence", nullptr},         {"energy", nullptr}};
  }
  if (clusters.empty()) return {{"model_id", nullptr}, {"items", nlohmann::json::array()}};

  // The stored centroid is on the clustering scale (standardised); the members' mean audio
  // features put each cluster on the plane a person reads (0..1).
  auto means = db.prepare(
      "SELECT tc.cluster, avg(f.valence), avg(f.energy) FROM track_clusters tc "
      "JOIN audio_features f ON f.track_id = tc.track_id WHERE tc.model_id = ?1 "
      "AND f.valence IS NOT NULL AND f.energy IS NOT NULL GROUP BY tc.cluster");
  means.bind(1, model_id);
  while (means.step()) {
    const auto found = clusters.find(means.integer(0));
    if (found == clusters.end()) continue;
    found->second.json["valence"] = rounded(means.real(1), 3);
    found->second.json["energy"] = rounded(means.real(2), 3);
  }

  auto listens = db.prepare(std::string("SELECT tc.cluster, count(*) FROM plays p JOIN track_clusters tc "
                                        "ON tc.track_id = p.track_id AND tc.model_id = ?3 WHERE ") +
                            kListenInPeriod + " GROUP BY tc.cluster");
  bind_period(listens, span);
  listens.bind(3, model_id);
  while (listens.step()) {
    const auto found = clusters.find(listens.integer(0));
    if (found != clusters.end()) found->second.json["listens"] = listens.integer(1);
  }

  // Members heard in the period; the subquery is materialised once (plays has no track index).
  auto points = db.prepare(std::string("SELECT tc.cluster, f.valence, f.energy FROM track_clusters tc "
                                       "JOIN audio_features f ON f.track_id = tc.track_id WHERE tc.model_id = ?3 "
                                       "AND f.valence IS NOT NULL AND f.energy IS NOT NULL AND tc.track_id IN "
                                       "(SELECT p.track_id FROM plays p WHERE ") +
                           kListenInPeriod + ") ORDER BY tc.cluster, tc.track_id");
  bind_period(points, span);
  points.bind(3, model_id);
  while (points.step()) {
    const auto found = clusters.find(points.integer(0));
    if (found != clusters.end()) found->second.points.emplace_back(points.real(1), points.real(2));
  }

  nlohmann::json items = nlohmann::json::array();
  for (auto& [number, cluster] : clusters) {
    cluster.json["points"] = sampled(cluster.points);
    items.push_back(std::move(cluster.json));
  }
  return {{"model_id", model_id}, {"items", items}};
}

}  // namespace sonic::report::detail
