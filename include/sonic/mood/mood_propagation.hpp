#pragma once
// A mood cluster for tracks without audio features, from what every track has. Signals:
//   - artist:       the clusters of the artist's tracks with features (a vote, not a feature mean);
//   - co-listening: label propagation over the graph of tracks heard next to each other in a
//                   session (edge weight = how often), seeded by the tracks with features;
//   - tags:         Last.fm mood words ("chill", "sad", "happy", "energetic", …) of the track or
//                   its artist, mapped to the clusters whose readable labels say that mood.
// Each signal s gives a distribution D_s over the k clusters and an evidence weight λ_s in [0, 1)
// (n / (n + 1) for n featured tracks of the artist, W / (W + 1) for the weight W of edges to
// labelled neighbours, T / (T + 1) for the tag weight T / 100). They are pooled as Dirichlet
// pseudo-counts over a uniform prior of strength 1:
//   p = (Σ_s λ_s D_s + 1/k) / (Σ_s λ_s + 1)
// The cluster is argmax p, the confidence p at it (so it grows with both agreement and evidence),
// the source the signal that put the most mass on that cluster. Everything iterates in track-id
// order: the same inputs give the same answer.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sonic/store/mood_propagation_queries.hpp"

namespace sonic::mood {

enum class MoodSource { features, artist, co_listening, tags };
std::string_view source_name(MoodSource source);
inline constexpr MoodSource kMoodSources[] = {MoodSource::features, MoodSource::artist, MoodSource::co_listening,
                                              MoodSource::tags};

struct PropagationInputs {
  std::vector<std::string> labels;                 // one per cluster (cluster_labels)
  std::map<std::int64_t, int> known;               // track -> cluster from its features
  std::map<std::int64_t, std::int64_t> artist_of;  // every history track -> its artist
  std::vector<store::CoListen> co_listens;
  std::vector<store::TrackTag> tags;  // the track's own and its artist's
};

struct PropagationOptions {
  int iterations = 30;  // label-propagation sweeps (the graph's diameter in practice is far less)
  double min_confidence = 0;
};

struct PropagatedCluster {
  std::int64_t track_id = 0;
  int cluster = 0;
  MoodSource source = MoodSource::features;
  double confidence = 0;
};

// A cluster for every track of `artist_of` and `co_listens` that is not in `known` and has some
// evidence with confidence ≥ options.min_confidence, in track-id order. Known tracks are not
// returned (their cluster is the features').
std::vector<PropagatedCluster> propagate_clusters(const PropagationInputs& inputs,
                                                  const PropagationOptions& options = {});

// Which clusters a mood tag points to: those whose label holds the most of the tag's words
// ("chill" -> "low energy", "acoustic", "calmer"). Empty when the tag is not a mood word or no
// label says it.
std::vector<int> clusters_for_mood_tag(std::string_view tag, const std::vector<std::string>& labels);

}  // namespace sonic::mood
