#pragma once
// One regression tree of a boosted model, on raw feature values (the bins are a training detail
// and do not outlive it).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sonic::ml {

struct GbdtNode {
  std::int32_t feature = -1;  // -1: a leaf
  double threshold = 0;       // present values below it go left; +infinity: every present value
  std::int32_t left = -1;
  std::int32_t right = -1;
  bool default_left = false;  // where a missing (NaN) value goes
  double value = 0;           // a leaf's share of the margin, learning rate applied
  double cover = 0;           // hessian sum of the training rows that reached the node
  double gain = 0;            // a split's gain (XGBoost's scale: twice the loss drop)

  bool is_leaf() const { return feature < 0; }
};

struct GbdtTree {
  std::vector<GbdtNode> nodes;  // nodes[0] is the root; children come after their parent

  // The index of the leaf a row ends in; `value_of(feature)` gives the row's value (NaN = missing).
  template <typename ValueOf>
  std::size_t leaf_index(const ValueOf& value_of) const {
    std::size_t index = 0;
    while (!nodes[index].is_leaf()) index = child_for(nodes[index], value_of(nodes[index].feature));
    return index;
  }

  static std::size_t child_for(const GbdtNode& split, double value) {
    const bool left = std::isnan(value) ? split.default_left : value < split.threshold;
    return static_cast<std::size_t>(left ? split.left : split.right);
  }

  // The cover-weighted mean of the leaf values: the tree's prediction when nothing is known
  // about a row, which TreeSHAP's contributions are measured from.
  double expected_value() const;
};

}  // namespace sonic::ml
