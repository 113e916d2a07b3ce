#include "sonic/mood/propagation_evaluation.hpp"

#include "sonic/core/error.hpp"

#include <algorithm>
#include <random>

namespace sonic::mood {
namespace {

int nearest_centroid(const Eigen::MatrixXd& centroids, const features::ClusterVector& point) {
  Eigen::Index best = 0;
  (centroids.rowwise() - point).rowwise().squaredNorm().minCoeff(&best);
  return static_cast<int>(best);
}

int majority_cluster(const std::map<std::int64_t, int>& known, int k) {
  std::vector<std::int64_t> counts(static_cast<std::size_t>(k), 0);
  for (const auto& [track, cluster] : known) ++counts[static_cast<std::size_t>(cluster)];
  return static_cast<int>(std::max_element(counts.begin(), counts.end()) - counts.begin());
}

// Nearest centroid to the mean of each artist's visible tracks' features.
std::map<std::int64_t, int> artist_mean_clusters(const PropagationInputs& visible,
                                                 const std::map<std::int64_t, features::ClusterVector>& features,
                                                 const Eigen::MatrixXd& centroids) {
  std::map<std::int64_t, std::pair<features::ClusterVector, int>> sums;
  for (const auto& [track, cluster] : visible.known) {
    const auto artist = visible.artist_of.find(track);
    const auto six = features.find(track);
    if (artist == visible.artist_of.end() || six == features.end()) continue;
    auto [slot, added] = sums.try_emplace(artist->second, features::ClusterVector::Zero(), 0);
    slot->second.first += six->second;
    slot->second.second += 1;
  }
  std::map<std::int64_t, int> clusters;
  for (const auto& [artist, sum] : sums) clusters[artist] = nearest_centroid(centroids, sum.first / sum.second);
  return clusters;
}

HiddenTrackScores score_one_seed(const PropagationInputs& inputs,
                                 const std::map<std::int64_t, features::ClusterVector>& features,
                                 const Eigen::MatrixXd& centroids, const PropagationEvaluationOptions& options,
                                 std::uint64_t seed) {
  std::vector<std::int64_t> tracks;
  for (const auto& [track, cluster] : inputs.known) tracks.push_back(track);
  std::mt19937_64 random(seed);
  std::shuffle(tracks.begin(), tracks.end(), random);
  const auto hidden_count = std::max<std::size_t>(
      1, static_cast<std::size_t>(options.hidden_share * static_cast<double>(tracks.size()) + 0.5));
  tracks.resize(hidden_count);
  std::sort(tracks.begin(), tracks.end());

  PropagationInputs visible = inputs;
  for (const auto track : tracks) visible.known.erase(track);
  const int k = static_cast<int>(inputs.labels.size());
  const int majority = majority_cluster(visible.known, k);
  const auto by_artist = artist_mean_clusters(visible, features, centroids);
  std::map<std::int64_t, int> propagated;
  for (const auto& answer : propagate_clusters(visible, options.propagation))
    propagated[answer.track_id] = answer.cluster;

  HiddenTrackScores scores;
  scores.seed = seed;
  scores.hidden = static_cast<std::int64_t>(tracks.size());
  for (const auto track : tracks) {
    const int truth = inputs.known.at(track);
    const auto answer = propagated.find(track);
    scores.propagated_reach += answer != propagated.end();
    const int propagated_answer = answer != propagated.end() ? answer->second : majority;
    scores.propagated += propagated_answer == truth;
    scores.majority += majority == truth;
    int artist_answer = majority;
    int catalog_answer = propagated_answer;
    if (const auto artist = inputs.artist_of.find(track); artist != inputs.artist_of.end()) {
      if (const auto found = by_artist.find(artist->second); found != by_artist.end()) artist_answer = found->second;
      if (const auto found = options.catalog_artist_clusters.find(artist->second);
          found != options.catalog_artist_clusters.end()) {
        catalog_answer = found->second;
        scores.catalog_artist_reach += 1;
      }
    }
    scores.artist_mean += artist_answer == truth;
    scores.catalog_artist += catalog_answer == truth;
  }
  const auto n = static_cast<double>(scores.hidden);
  scores.propagated /= n;
  scores.majority /= n;
  scores.artist_mean /= n;
  scores.propagated_reach /= n;
  scores.catalog_artist /= n;
  scores.catalog_artist_reach /= n;
  return scores;
}

}  // namespace

PropagationEvaluation evaluate_propagation(const PropagationInputs& inputs,
                                           const std::map<std::int64_t, features::ClusterVector>& features,
                                           const Eigen::MatrixXd& centroids,
                                           const PropagationEvaluationOptions& options) {
  if (inputs.known.size() < 5)
    throw InputError("too few tracks with features (" + std::to_string(inputs.known.size()) +
                     ") to hide some and evaluate mood propagation");
  PropagationEvaluation evaluation;
  for (int i = 0; i < options.seeds; ++i) {
    const auto scores = score_one_seed(inputs, features, centroids, options, options.first_seed + i);
    evaluation.seeds.push_back(scores);
    evaluation.mean.seed = scores.seed;
    evaluation.mean.hidden = scores.hidden;
    evaluation.mean.propagated += scores.propagated / options.seeds;
    evaluation.mean.majority += scores.majority / options.seeds;
    evaluation.mean.artist_mean += scores.artist_mean / options.seeds;
    evaluation.mean.propagated_reach += scores.propagated_reach / options.seeds;
    evaluation.mean.catalog_artist += scores.catalog_artist / options.seeds;
    evaluation.mean.catalog_artist_reach += scores.catalog_artist_reach / options.seeds;
  }
  return evaluation;
}

}  // namespace sonic::mood
