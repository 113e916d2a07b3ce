// `sonic cluster`'s result as JSON and as words for a person: the K chosen and why, every K tried, the clusters.
#include "sonic/pipeline/cluster_moods_format.hpp"

#include <fmt/format.h>

#include <cmath>

namespace sonic::pipeline {

nlohmann::json to_json(const ClusterMoodsResult& report) {
  nlohmann::json candidates = nlohmann::json::array();
  for (const auto& candidate : report.candidates) {
    candidates.push_back(
        {{"k", candidate.k},
         {"inertia", candidate.inertia},
         {"silhouette", std::isnan(candidate.silhouette) ? nlohmann::json() : nlohmann::json(candidate.silhouette)}});
  }
  nlohmann::json clusters = nlohmann::json::array();
  for (const auto& cluster : report.clusters) {
    clusters.push_back({{"cluster", cluster.cluster},
                        {"label", cluster.label},
                        {"size", cluster.size},
                        {"centroid", cluster.centroid}});
  }
  return {{"k", report.k},
          {"k_reason", report.k_reason},
          {"candidates", candidates},
          {"clusters", clusters},
          {"tracks",
           {{"clustered", report.tracks_clustered},
            {"without_features", report.tracks_without_features},
            {"incomplete_features", report.tracks_incomplete},
            {"imputed", report.tracks_imputed},
            {"propagated", report.tracks_propagated},
            {"joined_from_catalog_artists", report.tracks_joined_from_catalog_artists}}},
          {"mood_coverage", to_json(report.coverage)},
          {"propagation_evaluation",
           report.propagation_evaluation ? to_json(*report.propagation_evaluation) : nlohmann::json()},
          {"run_id", report.run_id},
          {"model", report.model_path.string()},
          {"seconds", report.seconds}};
}

std::string to_text(const ClusterMoodsResult& report) {
  std::string text = fmt::format("{} mood clusters ({})\n\n", report.k, report.k_reason);
  if (report.candidates.size() > 1) {
    text += "   K      inertia  silhouette\n";
    for (const auto& candidate : report.candidates) {
      const std::string silhouette =
          std::isnan(candidate.silhouette) ? "-" : fmt::format("{:.3f}", candidate.silhouette);
      text += fmt::format("  {:>2}  {:>11.2f}  {:>10}{}\n", candidate.k, candidate.inertia, silhouette,
                          candidate.k == report.k ? "  <- chosen" : "");
    }
    text += "\n";
  }
  text += "   #  tracks  label\n";
  for (const auto& cluster : report.clusters) {
    text += fmt::format("  {:>2}  {:>6}  {}\n", cluster.cluster, cluster.size, cluster.label);
  }
  text += fmt::format("\n{} tracks clustered", report.tracks_clustered);
  if (report.tracks_imputed > 0)
    text += fmt::format(" ({} with features imputed from their artist)", report.tracks_imputed);
  if (report.tracks_joined_from_catalog_artists > 0) {
    text += fmt::format("; {} more at their artist's catalog mean joined the nearest cluster",
                        report.tracks_joined_from_catalog_artists);
  }
  text += ".\n";
  if (report.tracks_without_features > 0) {
    text += fmt::format(
        "{} tracks have no audio features; {} of them were given a cluster from their artist, "
        "co-listening or tags.\n",
        report.tracks_without_features, report.tracks_propagated);
  }
  text += to_text(report.coverage) + ".\n";
  if (const auto& evaluation = report.propagation_evaluation) {
    text += fmt::format(
        "Hidden-features check ({} seeds, {} tracks hidden each): propagated {:.3f} (propagation alone answered "
        "{:.1f}%), artist mean {:.3f}, majority {:.3f}.\n",
        evaluation->seeds.size(), evaluation->mean.hidden, evaluation->mean.propagated,
        100 * evaluation->mean.propagated_reach, evaluation->mean.artist_mean, evaluation->mean.majority);
    if (evaluation->mean.catalog_artist_reach > 0) {
      text += fmt::format("  With the catalog artist means where the artist has one ({:.1f}% of them): {:.3f}.\n",
                          100 * evaluation->mean.catalog_artist_reach, evaluation->mean.catalog_artist);
    }
  }
  if (report.tracks_incomplete > 0) {
    text +=
        fmt::format("{} tracks lack one of the six features and are not in any cluster.\n", report.tracks_incomplete);
  }
  text += fmt::format("Model: {} (run {})\n", report.model_path.string(), report.run_id);
  return text;
}

}  // namespace sonic::pipeline
