#pragma once
// Split finding on one feature's histogram, with XGBoost's second-order gain:
//   score(G, H) = G² / (H + lambda)          leaf value = -G / (H + lambda)
//   gain = score(left) + score(right) - score(parent)
// (twice the drop in regularised loss; `gamma` is compared against this). A split is allowed
// when both sides hold a hessian sum of at least min_child_weight. Missing values are tried on
// both sides and go where the gain is larger: that side becomes the split's default direction
// (when a node has no missing values, the side with the larger hessian sum).
#include <cstddef>
#include <cstdint>
#include <span>

#include "ml/gbdt/gradient_pair.hpp"

namespace sonic::ml::gbdt {

struct SplitConstraints {
  double lambda = 1.0;
  double min_child_weight = 1.0;
  double gamma = 0.0;
};

// Gains at or below this are rounding noise, never a split (XGBoost's kRtEps).
inline constexpr double kMinSplitGain = 1e-6;

double node_score(const GradientSum& sum, double lambda);
// The Newton step -G / (H + lambda); 0 for a node too light to trust (H < min_child_weight).
double leaf_weight(const GradientSum& sum, const SplitConstraints& constraints);

struct SplitCandidate {
  double gain = 0;
  std::int32_t feature = -1;  // -1: no split beats the constraints
  std::uint32_t bin = 0;      // present values with code <= bin go left
  bool default_left = false;  // where missing values go
  GradientSum left;
  GradientSum right;

  bool found() const { return feature >= 0; }
  // Strictly larger gain wins, so among equals the one met first (lower feature, lower bin)
  // stays: the choice does not depend on the order threads finish in.
  bool better_than(const SplitCandidate& other) const { return gain > other.gain; }
};

// The best split of one feature. `slots` is its histogram (bin_count bins, then the missing
// slot if it has one) for a node whose gradients sum to `node_sum`.
SplitCandidate best_split_for_feature(std::int32_t feature, std::span<const GradientSum> slots, std::size_t bin_count,
                                      const GradientSum& node_sum, const SplitConstraints& constraints);

}  // namespace sonic::ml::gbdt
