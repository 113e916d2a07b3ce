#include "sonic/ml/gbdt/tree.hpp"

namespace sonic::ml {

double GbdtTree::expected_value() const {
  // Children come after their parent, so one backward pass sees every child before its parent.
  // The weights are cover(child) / cover(parent), exactly as TreeSHAP's, so that bias plus
  // contributions add up to the prediction.
  std::vector<double> expected(nodes.size(), 0.0);
  for (std::size_t i = nodes.size(); i-- > 0;) {
    const GbdtNode& node = nodes[i];
    if (node.is_leaf()) {
      expected[i] = node.value;
    } else {
      const auto left = static_cast<std::size_t>(node.left);
      const auto right = static_cast<std::size_t>(node.right);
      expected[i] = (nodes[left].cover * expected[left] + nodes[right].cover * expected[right]) / node.cover;
    }
  }
  return expected.empty() ? 0.0 : expected[0];
}

}  // namespace sonic::ml
