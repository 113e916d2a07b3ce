#pragma once
// Each registry entry's RowPredictor (pipeline/model_registry.hpp): the model file loaded once,
// then one row in, what `sonic predict <name> --json` prints out.
#include <memory>

#include "sonic/core/home.hpp"
#include "sonic/pipeline/model_registry.hpp"

namespace sonic::pipeline {

// Registry entries without a model file: each answer is derived from the store (offline: no
// service is asked), so there is nothing to train or swap. model_id is "<format>/<version>".
inline constexpr tracking::ModelKind kRecommendations{"recommend", "", "", "sonic-recommend", 1, {}, "sonic import"};
inline constexpr tracking::ModelKind kPlaylists{"playlist", "", "", "sonic-playlist", 1, {}, "sonic import"};

// The mood net: the model's features by name → {"subject","mood","probabilities"}.
std::unique_ptr<RowPredictor> load_mood_predictor(const Home& home);
// The mood clusters: the six cluster features (tempo in BPM) → {"cluster","label","distance"}.
std::unique_ptr<RowPredictor> load_mood_clusters_predictor(const Home& home);
// The next-mood net: an empty row → the latest session's next mood, as `sonic predict next-mood`;
// {"listens":[…]} → that session's, as `sonic predict next-mood --session FILE`.
std::unique_ptr<RowPredictor> load_next_mood_predictor(const Home& home);
// The session model: {"at"?: ISO 8601 UTC, "hours"?: 1..336} → `sonic predict session`'s forecast.
std::unique_ptr<RowPredictor> load_session_predictor(const Home& home);
// {"pool"?, "mood"?, "size"?, "max_per_artist"?, "rediscover_days"?} → `sonic recommend --offline
// --json` with those options.
std::unique_ptr<RowPredictor> load_recommend_predictor(const Home& home);
// {"prompt"?, "for"?, "before"?} (at least one of the first two) → `sonic playlist --json`.
std::unique_ptr<RowPredictor> load_playlist_predictor(const Home& home);

}  // namespace sonic::pipeline
