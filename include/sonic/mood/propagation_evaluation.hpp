#pragma once
// How well mood propagation recovers a cluster it could have measured: hide the features of a
// random share of the tracks that have them (one draw per seed), propagate from the rest, and
// compare with the features' cluster — beside two baselines on the same hidden tracks:
//   - majority: the most common cluster among the tracks left visible;
//   - artist mean: the nearest centroid to the mean features of the artist's visible tracks
//     (what `--impute artist` does), the majority where the artist has none.
// Propagation falls back to the majority too where no signal reaches a hidden track, so all three
// answer for every hidden track; `propagated_reach` says how often propagation itself answered.
#include <Eigen/Core>

#include <cstdint>
#include <map>
#include <vector>

#include "sonic/features/cluster_features.hpp"
#include "sonic/mood/mood_propagation.hpp"

namespace sonic::mood {

struct PropagationEvaluationOptions {
  int seeds = 5;
  std::uint64_t first_seed = 1;
  double hidden_share = 0.2;
  PropagationOptions propagation;
  // The cluster of each artist's mean catalog features (import-features' catalog_artist rows),
  // by artist id; empty when the store has none. It scores `catalog_artist`: what the store
  // answers for a featureless track, the catalog artist cluster where there is one, else the
  // propagated answer.
  std::map<std::int64_t, int> catalog_artist_clusters = {};
};

struct HiddenTrackScores {
  std::uint64_t seed = 0;
  std::int64_t hidden = 0;
  double propagated = 0;  // accuracies on the hidden tracks
  double majority = 0;
  double artist_mean = 0;
  double propagated_reach = 0;      // share of hidden tracks propagation answered on its own
  double catalog_artist = 0;        // catalog artist cluster, else propagated (see the options)
  double catalog_artist_reach = 0;  // share of hidden tracks whose artist has a catalog cluster
};

struct PropagationEvaluation {
  std::vector<HiddenTrackScores> seeds;
  HiddenTrackScores mean;  // over the seeds (seed and hidden: of the last)
};

// `inputs.known` are the tracks with features and their clusters; `features` their six values;
// `centroids` the clustering's. InputError when fewer than 5 known tracks.
PropagationEvaluation evaluate_propagation(const PropagationInputs& inputs,
                                           const std::map<std::int64_t, features::ClusterVector>& features,
                                           const Eigen::MatrixXd& centroids,
                                           const PropagationEvaluationOptions& options = {});

}  // namespace sonic::mood
