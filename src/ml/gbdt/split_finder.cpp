#include "ml/gbdt/split_finder.hpp"

#include <algorithm>

namespace sonic::ml::gbdt {

double node_score(const GradientSum& sum, double lambda) { return sum.grad * sum.grad / (sum.hess + lambda); }

double leaf_weight(const GradientSum& sum, const SplitConstraints& constraints) {
  if (sum.hess <= 0 || sum.hess < constraints.min_child_weight) return 0;
  return -sum.grad / (sum.hess + constraints.lambda);
}

namespace {

bool heavy_enough(const GradientSum& side, const SplitConstraints& constraints) {
  return side.hess > 0 && side.hess >= constraints.min_child_weight;
}

}  // namespace

SplitCandidate best_split_for_feature(std::int32_t feature, std::span<const GradientSum> slots, std::size_t bin_count,
                                      const GradientSum& node_sum, const SplitConstraints& constraints) {
  const GradientSum missing = slots.size() > bin_count ? slots[bin_count] : GradientSum{};
  const bool try_missing_left = missing.hess > 0;
  const double parent_score = node_score(node_sum, constraints.lambda);
  SplitCandidate best;
  best.gain = std::max(constraints.gamma, kMinSplitGain);

  auto consider = [&](const GradientSum& left, const GradientSum& right, std::size_t bin, bool default_left) {
    if (!heavy_enough(left, constraints) || !heavy_enough(right, constraints)) return;
    const double gain = node_score(left, constraints.lambda) + node_score(right, constraints.lambda) - parent_score;
    if (gain > best.gain) {
      best = {gain, feature, static_cast<std::uint32_t>(bin), default_left, left, right};
    }
  };

  // An empty bin splits the rows exactly as its neighbour does, so its gain only ties with
  // one met before it and it is skipped (deep nodes have mostly empty bins).
  // Missing values right: the left side grows from the lowest bin up.
  GradientSum left;
  for (std::size_t bin = 0; bin < bin_count; ++bin) {
    if (slots[bin].hess == 0) continue;
    left += slots[bin];
    consider(left, node_sum - left, bin, false);
  }
  // Missing values left: the right side grows from the highest bin down. Scanning in this
  // direction is XGBoost's: where no row falls between two cuts, the gain is the same for
  // either, and the first one met is kept, so thresholds land where XGBoost puts them.
  if (try_missing_left) {
    GradientSum right;
    for (std::size_t bin = bin_count; bin-- > 1;) {
      if (slots[bin].hess == 0) continue;
      right += slots[bin];
      consider(node_sum - right, right, bin - 1, true);
    }
  }
  // No row of this node lacks the feature, so training says nothing about where a missing
  // value belongs: send it with the majority (by hessian), the likelier guess.
  if (best.found() && !try_missing_left) best.default_left = best.left.hess >= best.right.hess;
  return best;
}

}  // namespace sonic::ml::gbdt
