#include "sonic/ml/kmeans/k_choice.hpp"

#include <cmath>
#include <vector>

#include "ml/kmeans/elbow.hpp"
#include "sonic/core/error.hpp"

namespace sonic::ml {

std::string_view describe(KChoiceReason reason) {
  switch (reason) {
    case KChoiceReason::forced:
      return "K was given";
    case KChoiceReason::only_candidate:
      return "only one K could be tried";
    case KChoiceReason::silhouette:
      return "highest silhouette";
    case KChoiceReason::elbow_weak_silhouette:
      return "elbow of the inertia curve (every silhouette is too low to trust)";
    case KChoiceReason::elbow_close_silhouettes:
      return "elbow of the inertia curve (the best silhouettes are too close to call)";
    case KChoiceReason::silhouette_without_elbow:
      return "highest silhouette, though unclear (the inertia curve has no elbow)";
  }
  return "unknown";
}

KChoice choose_k(std::span<const KCandidate> candidates, const KChoiceRules& rules) {
  if (candidates.empty()) throw InputError("choosing K: no candidates");
  if (candidates.size() == 1) return {candidates.front().k, KChoiceReason::only_candidate};

  // The best and second-best silhouettes; NaN (undefined) never wins, ties go to the smaller K.
  const KCandidate* best = nullptr;
  const KCandidate* runner_up = nullptr;
  for (const KCandidate& candidate : candidates) {
    if (std::isnan(candidate.silhouette)) continue;
    if (!best || candidate.silhouette > best->silhouette) {
      runner_up = best;
      best = &candidate;
    } else if (!runner_up || candidate.silhouette > runner_up->silhouette) {
      runner_up = &candidate;
    }
  }
  const bool weak = !best || best->silhouette < rules.silhouette_floor;
  const bool close = !weak && runner_up && best->silhouette - runner_up->silhouette < rules.silhouette_margin;
  if (!weak && !close) return {best->k, KChoiceReason::silhouette};

  std::vector<double> ks, inertias;
  for (const KCandidate& candidate : candidates) {
    ks.push_back(candidate.k);
    inertias.push_back(candidate.inertia);
  }
  if (const auto elbow = elbow_index(ks, inertias)) {
    return {candidates[*elbow].k, weak ? KChoiceReason::elbow_weak_silhouette : KChoiceReason::elbow_close_silhouettes};
  }
  return {best ? best->k : candidates.front().k, KChoiceReason::silhouette_without_elbow};
}

}  // namespace sonic::ml
