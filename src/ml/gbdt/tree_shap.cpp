#include "ml/gbdt/tree_shap.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace sonic::ml {
namespace {

// One distinct feature on the path from the root to the current node.
struct PathStep {
  std::int32_t feature;
  double zero_fraction;  // share of the training cover that followed the path through its splits
  double one_fraction;   // 1 if the row itself follows the path through them, else 0
  double weight;         // Shapley weight of the subsets of a given size (indexed by position)
};

// The path is steps[0..last]; steps[0] is a placeholder for the root.
// Adds a feature: every subset either leaves it out (zero fraction) or includes it (one
// fraction), so the weights of subsets of each size are redistributed accordingly.
void extend_path(PathStep* steps, std::size_t last, double zero_fraction, double one_fraction, std::int32_t feature) {
  steps[last] = {feature, zero_fraction, one_fraction, last == 0 ? 1.0 : 0.0};
  const double length = static_cast<double>(last + 1);
  for (std::size_t i = last; i-- > 0;) {
    steps[i + 1].weight += one_fraction * steps[i].weight * static_cast<double>(i + 1) / length;
    steps[i].weight = zero_fraction * steps[i].weight * static_cast<double>(last - i) / length;
  }
}

// Undoes extend_path for the step at `index` (a feature split on again further down).
void unwind_path(PathStep* steps, std::size_t last, std::size_t index) {
  const double one_fraction = steps[index].one_fraction;
  const double zero_fraction = steps[index].zero_fraction;
  const double length = static_cast<double>(last + 1);
  double carried = steps[last].weight;
  for (std::size_t i = last; i-- > 0;) {
    if (one_fraction != 0) {
      const double old_weight = steps[i].weight;
      steps[i].weight = carried * length / (static_cast<double>(i + 1) * one_fraction);
      carried = old_weight - steps[i].weight * zero_fraction * static_cast<double>(last - i) / length;
    } else {
      steps[i].weight = steps[i].weight * length / (zero_fraction * static_cast<double>(last - i));
    }
  }
  for (std::size_t i = index; i < last; ++i) {
    steps[i].feature = steps[i + 1].feature;
    steps[i].zero_fraction = steps[i + 1].zero_fraction;
    steps[i].one_fraction = steps[i + 1].one_fraction;
  }
}

// The total weight the path would have without the step at `index`, without changing it.
double unwound_weight(const PathStep* steps, std::size_t last, std::size_t index) {
  const double one_fraction = steps[index].one_fraction;
  const double zero_fraction = steps[index].zero_fraction;
  const double length = static_cast<double>(last + 1);
  double carried = steps[last].weight;
  double total = 0;
  for (std::size_t i = last; i-- > 0;) {
    if (one_fraction != 0) {
      const double weight = carried * length / (static_cast<double>(i + 1) * one_fraction);
      total += weight;
      carried = steps[i].weight - weight * zero_fraction * static_cast<double>(last - i) / length;
    } else {
      total += steps[i].weight * length / (zero_fraction * static_cast<double>(last - i));
    }
  }
  return total;
}

class ShapWalk {
 public:
  ShapWalk(const GbdtTree& tree, std::span<const double> row, std::span<double> contributions)
      : tree_(tree), row_(row), contributions_(contributions) {
    const std::size_t longest = depth(0) + 2;  // the placeholder step and the leaf's own
    storage_.resize(longest * (longest + 1) / 2);
  }

  void run() { visit(0, storage_.data(), 0, 1.0, 1.0, -1); }

 private:
  std::size_t depth(std::size_t node) const {
    const GbdtNode& n = tree_.nodes[node];
    if (n.is_leaf()) return 0;
    return 1 + std::max(depth(static_cast<std::size_t>(n.left)), depth(static_cast<std::size_t>(n.right)));
  }

  // Each level works on its own copy of the path, just past its parent's in storage_.
  void visit(std::size_t node, PathStep* parent_steps, std::size_t last, double zero_fraction, double one_fraction,
             std::int32_t feature) {
    PathStep* steps = last == 0 ? parent_steps : parent_steps + last;
    if (last > 0) std::copy(parent_steps, parent_steps + last, steps);
    extend_path(steps, last, zero_fraction, one_fraction, feature);

    const GbdtNode& split = tree_.nodes[node];
    if (split.is_leaf()) {
      for (std::size_t i = 1; i <= last; ++i) {
        const PathStep& step = steps[i];
        contributions_[static_cast<std::size_t>(step.feature)] +=
            unwound_weight(steps, last, i) * (step.one_fraction - step.zero_fraction) * split.value;
      }
      return;
    }
    const std::size_t hot = GbdtTree::child_for(split, row_[static_cast<std::size_t>(split.feature)]);
    const std::size_t cold = hot == static_cast<std::size_t>(split.left) ? static_cast<std::size_t>(split.right)
                                                                         : static_cast<std::size_t>(split.left);
    // A feature met again: take its earlier step out and fold its fractions into this one.
    double incoming_zero = 1;
    double incoming_one = 1;
    std::size_t kept = last;
    for (std::size_t i = 1; i <= last; ++i) {
      if (steps[i].feature != split.feature) continue;
      incoming_zero = steps[i].zero_fraction;
      incoming_one = steps[i].one_fraction;
      unwind_path(steps, last, i);
      kept = last - 1;
      break;
    }
    visit(hot, steps, kept + 1, tree_.nodes[hot].cover / split.cover * incoming_zero, incoming_one, split.feature);
    visit(cold, steps, kept + 1, tree_.nodes[cold].cover / split.cover * incoming_zero, 0, split.feature);
  }

  const GbdtTree& tree_;
  std::span<const double> row_;
  std::span<double> contributions_;
  std::vector<PathStep> storage_;
};

}  // namespace

void add_tree_shap(const GbdtTree& tree, std::span<const double> row, std::span<double> contributions) {
  if (tree.nodes.empty()) return;
  ShapWalk walk(tree, row, contributions);
  walk.run();
}

}  // namespace sonic::ml
