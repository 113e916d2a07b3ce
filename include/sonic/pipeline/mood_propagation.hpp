#pragma once
// A mood for every track: after clustering, tracks without features get a cluster propagated
// from their artist, co-listening and tags (mood/mood_propagation.hpp), stored with its source
// and confidence; how much listening time each source covers; and the hidden-features check of
// how well propagation recovers measured clusters (mood/propagation_evaluation.hpp).
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sonic/mood/propagation_evaluation.hpp"
#include "sonic/store/database.hpp"
#include "sonic/store/mood_store.hpp"

namespace sonic::pipeline {

// Stores a propagated cluster for each history track without one from features, with confidence
// at least `min_confidence`. `from_features` are the clustering's assignments. Call inside the
// clustering's transaction. Returns how many tracks were given a cluster.
std::int64_t store_propagated_clusters(store::Database& db, const std::string& model_id,
                                       const std::vector<std::string>& labels,
                                       const std::vector<store::TrackCluster>& from_features, double min_confidence);

struct MoodCoverage {
  std::int64_t listening_ms = 0;                     // all music listens of 30 s or more
  std::map<std::string, std::int64_t> ms_by_source;  // "none": no cluster
  double share(const std::string& source) const;
  double covered_share() const;  // 1 - share("none")
};

MoodCoverage mood_coverage(store::Database& db);
nlohmann::json to_json(const MoodCoverage& coverage);
// "mood for 97.1% of listening time: features 20.3%, co_listening 60.2%, …"
std::string to_text(const MoodCoverage& coverage);

// Hides features of a random share of the tracks clustered from features (measured ones only)
// and scores propagation against the current clustering. InputError without one.
mood::PropagationEvaluation evaluate_mood_propagation(store::Database& db,
                                                      const mood::PropagationEvaluationOptions& options = {});
nlohmann::json to_json(const mood::PropagationEvaluation& evaluation);

}  // namespace sonic::pipeline
