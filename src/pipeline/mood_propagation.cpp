#include "sonic/pipeline/mood_propagation.hpp"

#include "sonic/core/error.hpp"
#include "sonic/mood/mood_clusters.hpp"
#include "sonic/store/catalog_artist_features.hpp"
#include "sonic/store/mood_propagation_queries.hpp"

#include <fmt/format.h>

namespace sonic::pipeline {
namespace {

mood::PropagationInputs propagation_inputs(store::Database& db, const std::vector<std::string>& labels) {
  mood::PropagationInputs inputs;
  inputs.labels = labels;
  inputs.artist_of = store::history_track_artists(db);
  inputs.co_listens = store::session_neighbour_counts(db);
  inputs.tags = store::history_track_tags(db);
  return inputs;
}

std::vector<std::string> stored_labels(const std::vector<store::StoredCluster>& clusters) {
  std::vector<std::string> labels;
  for (const auto& cluster : clusters) labels.push_back(cluster.label);
  return labels;
}

}  // namespace

std::int64_t store_propagated_clusters(store::Database& db, const std::string& model_id,
                                       const std::vector<std::string>& labels,
                                       const std::vector<store::TrackCluster>& from_features, double min_confidence) {
  auto inputs = propagation_inputs(db, labels);
  for (const auto& assignment : from_features) inputs.known[assignment.track_id] = assignment.cluster;
  std::vector<store::TrackCluster> propagated;
  for (const auto& answer : mood::propagate_clusters(inputs, {.min_confidence = min_confidence})) {
    propagated.push_back(
        {answer.track_id, answer.cluster, -1, std::string(mood::source_name(answer.source)), answer.confidence});
  }
  store::store_track_clusters(db, model_id, propagated);
  return static_cast<std::int64_t>(propagated.size());
}

double MoodCoverage::share(const std::string& source) const {
  const auto found = ms_by_source.find(source);
  if (found == ms_by_source.end() || listening_ms == 0) return 0;
  return static_cast<double>(found->second) / static_cast<double>(listening_ms);
}

double MoodCoverage::covered_share() const { return listening_ms == 0 ? 0 : 1 - share("none"); }

MoodCoverage mood_coverage(store::Database& db) {
  MoodCoverage coverage;
  coverage.ms_by_source = store::listening_ms_by_mood_source(db);
  for (const auto& [source, ms] : coverage.ms_by_source) coverage.listening_ms += ms;
  return coverage;
}

nlohmann::json to_json(const MoodCoverage& coverage) {
  nlohmann::json by_source = nlohmann::json::object();
  for (const auto& [source, ms] : coverage.ms_by_source) by_source[source] = coverage.share(source);
  return {{"listening_ms", coverage.listening_ms},
          {"covered_share", coverage.covered_share()},
          {"share_by_source", by_source}};
}

std::string to_text(const MoodCoverage& coverage) {
  std::string text = fmt::format("mood for {:.1f}% of listening time", 100 * coverage.covered_share());
  std::string separator = ": ";
  for (const auto& [source, ms] : coverage.ms_by_source) {
    text += fmt::format("{}{} {:.1f}%", separator, source, 100 * coverage.share(source));
    separator = ", ";
  }
  return text;
}

mood::PropagationEvaluation evaluate_mood_propagation(store::Database& db,
                                                      const mood::PropagationEvaluationOptions& options) {
  const auto clusters = store::stored_clusters(db);
  if (clusters.empty()) throw InputError("no mood clusters yet: run `sonic cluster` first");
  auto inputs = propagation_inputs(db, stored_labels(clusters));
  const auto centroids = mood::centroids_from_stored(clusters);
  const auto tracks = store::history_tracks_with_features(db);
  std::map<std::int64_t, features::ClusterVector> six;
  for (const auto& track : tracks) {
    // The truth is measured features only (an ID or a name match), never an artist's mean.
    if (track.source.starts_with("imputed:") || track.source == store::kCatalogArtistSource) continue;
    const auto vector = features::cluster_vector(track.features);
    if (vector) six[track.track_id] = *vector;
  }
  auto scored = options;
  for (const auto& assignment : mood::assign_to_clusters(centroids, tracks)) {
    if (six.contains(assignment.track_id)) inputs.known[assignment.track_id] = assignment.cluster;
  }
  // Every catalog_artist row of an artist holds the same mean: any one gives the artist's cluster.
  std::vector<store::TrackFeatures> artist_means;
  for (const auto& track : tracks)
    if (track.source == store::kCatalogArtistSource) artist_means.push_back(track);
  for (const auto& assignment : mood::assign_to_clusters(centroids, artist_means)) {
    if (const auto artist = inputs.artist_of.find(assignment.track_id); artist != inputs.artist_of.end())
      scored.catalog_artist_clusters[artist->second] = assignment.cluster;
  }
  return mood::evaluate_propagation(inputs, six, centroids, scored);
}

nlohmann::json to_json(const mood::PropagationEvaluation& evaluation) {
  const auto scores_json = [](const mood::HiddenTrackScores& scores) {
    return nlohmann::json{{"seed", scores.seed},
                          {"hidden", scores.hidden},
                          {"propagated", scores.propagated},
                          {"majority", scores.majority},
                          {"artist_mean", scores.artist_mean},
                          {"propagated_reach", scores.propagated_reach},
                          {"catalog_artist", scores.catalog_artist},
                          {"catalog_artist_reach", scores.catalog_artist_reach}};
  };
  nlohmann::json seeds = nlohmann::json::array();
  for (const auto& scores : evaluation.seeds) seeds.push_back(scores_json(scores));
  auto mean = scores_json(evaluation.mean);
  mean.erase("seed");
  return {{"seeds", seeds}, {"mean", mean}};
}

}  // namespace sonic::pipeline
