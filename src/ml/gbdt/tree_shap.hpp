#pragma once
// TreeSHAP (Lundberg, Erion & Lee 2018, algorithm 2): the exact Shapley values of one tree's
// prediction for one row, where "feature unknown" means following both branches weighted by
// the training cover. One pass over the tree's paths, O(leaves x depth²) instead of the
// 2^features subsets the definition sums over.
#include <span>

#include "sonic/ml/gbdt/tree.hpp"

namespace sonic::ml {

// Adds the tree's contribution of each feature to `contributions` (one slot per feature) for
// the row whose values are `row` (NaN = missing, which follows the default direction). They sum
// to the tree's value for the row minus tree.expected_value().
void add_tree_shap(const GbdtTree& tree, std::span<const double> row, std::span<double> contributions);

}  // namespace sonic::ml
