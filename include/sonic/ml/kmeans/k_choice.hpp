#pragma once
// The decision of choosing K, apart from the fits that feed it: the highest mean silhouette when
// it decides clearly, else the elbow of the inertia curve (see k_selection.hpp for the rules).
#include <span>
#include <string_view>

namespace sonic::ml {

struct KChoiceRules {
  double silhouette_floor = 0.1;
  double silhouette_margin = 0.01;
};

enum class KChoiceReason {
  forced,                    // the caller fixed K
  only_candidate,            // the range held a single K
  silhouette,                // the highest silhouette, clearly
  elbow_weak_silhouette,     // best silhouette below the floor: the inertia elbow chose
  elbow_close_silhouettes,   // best two silhouettes within the margin: the inertia elbow chose
  silhouette_without_elbow,  // silhouette undecided, but the inertia curve has no elbow either:
                             // the highest silhouette (or, with none, the smallest K) is kept
};

// Words for `sonic cluster` and logs.
std::string_view describe(KChoiceReason reason);

struct KCandidate {
  int k = 0;
  double inertia = 0;
  double silhouette = 0;  // NaN when undefined (K = 1, or the scored rows fell in one cluster)
  int iterations = 0;
};

struct KChoice {
  int k = 0;
  KChoiceReason reason = KChoiceReason::silhouette;
};

// The decision alone, from candidates in increasing K (not empty). Never forced.
KChoice choose_k(std::span<const KCandidate> candidates, const KChoiceRules& rules = {});

}  // namespace sonic::ml
