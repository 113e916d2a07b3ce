#include "ml/gbdt/tree_grower.hpp"

#include <algorithm>

#include "ml/common/thread_pool.hpp"
#include "ml/gbdt/histogram.hpp"

namespace sonic::ml::gbdt {
namespace {

constexpr std::size_t kNoHistogram = static_cast<std::size_t>(-1);

}  // namespace

// A node of the current depth, not yet known to be a leaf.
struct TreeGrower::OpenNode {
  std::size_t node = 0;  // index in the tree's nodes
  RowSegment segment;
  GradientSum sum;
  std::size_t histogram = kNoHistogram;
  SplitCandidate best;
};

// A node being split and its two children.
struct TreeGrower::SplitPair {
  OpenNode parent;
  OpenNode left;
  OpenNode right;
  bool children_need_histograms = false;

  OpenNode& smaller() { return left.segment.size() <= right.segment.size() ? left : right; }
  OpenNode& larger() { return left.segment.size() <= right.segment.size() ? right : left; }
};

TreeGrower::TreeGrower(const BinnedMatrix& binned, ThreadPool& pool, GrowthSettings settings)
    : binned_(binned), pool_(pool), settings_(settings) {}

namespace {

// A node can only be split if both children could reach min_child_weight.
bool may_split(const GradientSum& sum, RowSegment segment, const SplitConstraints& constraints) {
  return segment.size() >= 2 && sum.hess > 0 && sum.hess >= 2 * constraints.min_child_weight;
}

}  // namespace

GbdtTree TreeGrower::grow(std::span<const GradientPair> gradients, std::span<const std::uint32_t> rows,
                          std::span<const std::uint32_t> features) {
  features_ = features;
  plan_feature_groups();
  leaf_rows_.clear();
  GbdtTree tree;
  tree.nodes.emplace_back();

  std::vector<OpenNode> depth_nodes(1);
  OpenNode& root = depth_nodes[0];
  root.segment = partition_.reset(rows, gradients, pool_);
  root.histogram = acquire_histogram();
  build_root_histogram(root);
  tree.nodes[0].cover = root.sum.hess;
  if (may_split(root.sum, root.segment, settings_.constraints)) find_best_splits({&root});

  for (int depth = 0; !depth_nodes.empty(); ++depth) {
    std::vector<SplitPair> pairs;
    for (const OpenNode& node : depth_nodes) {
      if (node.best.found()) {
        pairs.push_back(record_split(tree, node));
      } else {
        make_leaf(tree, node);
      }
    }
    if (pairs.empty()) break;
    split_rows(pairs);
    if (depth + 1 < settings_.max_depth) {
      find_children_splits(pairs);
    } else {
      for (SplitPair& pair : pairs) release_histogram(pair.parent.histogram);
    }
    depth_nodes.clear();
    for (const SplitPair& pair : pairs) {
      depth_nodes.push_back(pair.left);
      depth_nodes.push_back(pair.right);
    }
  }
  return tree;
}

// Writes the node's best split into the tree and appends its two children.
TreeGrower::SplitPair TreeGrower::record_split(GbdtTree& tree, const OpenNode& node) const {
  const SplitCandidate& best = node.best;
  const auto left_index = static_cast<std::int32_t>(tree.nodes.size());
  GbdtNode& split = tree.nodes[node.node];
  split.feature = best.feature;
  split.threshold = binned_.upper_edge(static_cast<std::size_t>(best.feature), best.bin);
  split.default_left = best.default_left;
  split.gain = best.gain;
  split.left = left_index;
  split.right = left_index + 1;
  SplitPair pair{node, {}, {}, false};
  pair.left.node = tree.nodes.size();
  pair.left.sum = best.left;
  pair.right.node = tree.nodes.size() + 1;
  pair.right.sum = best.right;
  tree.nodes.push_back(GbdtNode{.cover = best.left.hess});
  tree.nodes.push_back(GbdtNode{.cover = best.right.hess});
  return pair;
}

// Features are histogrammed a group per pass (see histogram.hpp), groups of at most
// kMaxFeaturesPerPass as even as possible, and at least one per thread so that the root, a
// single node, still keeps every thread busy.
void TreeGrower::plan_feature_groups() {
  const std::size_t count = features_.size();
  const auto threads = static_cast<std::size_t>(pool_.threads());
  std::size_t groups = (count + kMaxFeaturesPerPass - 1) / kMaxFeaturesPerPass;
  groups = std::min(count, (groups + threads - 1) / threads * threads);
  feature_groups_.clear();
  for (std::size_t g = 0; g < groups; ++g) {
    feature_groups_.emplace_back(g * count / groups, (g + 1) * count / groups);
  }
}

void TreeGrower::build_histograms_of_group(std::size_t group, std::size_t histogram_buffer, RowSegment segment) {
  const auto [begin, end] = feature_groups_[group];
  FeatureHistogram passes[kMaxFeaturesPerPass];
  for (std::size_t j = begin; j < end; ++j) {
    passes[j - begin] = {binned_.column(features_[j]), histogram(histogram_buffer, features_[j])};
  }
  const std::span<const FeatureHistogram> pass(passes, end - begin);
  if (segment.size() == binned_.row_count()) {
    build_histograms_all_rows(pass, partition_.gradients(segment));
  } else {
    build_histograms(pass, partition_.rows(segment), partition_.gradients(segment));
  }
}

void TreeGrower::build_root_histogram(OpenNode& root) {
  pool_.run(feature_groups_.size(),
            [&](std::size_t group) { build_histograms_of_group(group, root.histogram, root.segment); });
  // Every feature's histogram sums to the node's total; the first one's is taken, always.
  for (const GradientSum& slot : histogram(root.histogram, features_[0])) root.sum += slot;
}

void TreeGrower::split_rows(std::vector<SplitPair>& pairs) {
  std::vector<SegmentSplit> splits(pairs.size());
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    const SplitCandidate& best = pairs[p].parent.best;
    const auto feature = static_cast<std::size_t>(best.feature);
    const std::size_t missing_code = binned_.bin_count(feature);
    SegmentSplit& split = splits[p];
    split.segment = pairs[p].parent.segment;
    split.codes = binned_.column(feature);
    for (std::size_t code = 0; code < split.goes_left.size(); ++code) {
      split.goes_left[code] = code <= best.bin || (code == missing_code && best.default_left);
    }
  }
  partition_.split(splits, pool_);
  const SplitConstraints& constraints = settings_.constraints;
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    SplitPair& pair = pairs[p];
    pair.left.segment = splits[p].left;
    pair.right.segment = splits[p].right;
    pair.children_need_histograms = may_split(pair.left.sum, pair.left.segment, constraints) ||
                                    may_split(pair.right.sum, pair.right.segment, constraints);
  }
}

// Builds the smaller child's histograms, derives the larger's, and finds both children's best
// splits, one task per pair and feature group.
void TreeGrower::find_children_splits(std::vector<SplitPair>& pairs) {
  std::vector<SplitPair*> active;
  for (SplitPair& pair : pairs) {
    if (!pair.children_need_histograms) {
      release_histogram(pair.parent.histogram);
      continue;
    }
    pair.smaller().histogram = acquire_histogram();
    pair.larger().histogram = pair.parent.histogram;  // becomes the larger child's in place
    active.push_back(&pair);
  }
  const std::size_t feature_count = features_.size();
  const std::size_t group_count = feature_groups_.size();
  candidates_.assign(2 * active.size() * feature_count, SplitCandidate{});
  pool_.run(active.size() * group_count, [&](std::size_t task) {
    const std::size_t a = task / group_count;
    SplitPair& pair = *active[a];
    const OpenNode& small = pair.smaller();
    build_histograms_of_group(task % group_count, small.histogram, small.segment);
    const auto [begin, end] = feature_groups_[task % group_count];
    const SplitConstraints& constraints = settings_.constraints;
    for (std::size_t j = begin; j < end; ++j) {
      const std::size_t feature = features_[j];
      subtract_histogram(histogram(pair.larger().histogram, feature), histogram(small.histogram, feature));
      const std::size_t base = 2 * a * feature_count;
      if (may_split(pair.left.sum, pair.left.segment, constraints)) {
        candidates_[base + j] = best_split(pair.left, j);
      }
      if (may_split(pair.right.sum, pair.right.segment, constraints)) {
        candidates_[base + feature_count + j] = best_split(pair.right, j);
      }
    }
  });
  for (std::size_t a = 0; a < active.size(); ++a) {
    keep_best_candidate(active[a]->left, 2 * a);
    keep_best_candidate(active[a]->right, 2 * a + 1);
  }
}

void TreeGrower::find_best_splits(std::vector<OpenNode*> nodes) {
  const std::size_t feature_count = features_.size();
  candidates_.assign(nodes.size() * feature_count, SplitCandidate{});
  pool_.run(nodes.size() * feature_count, [&](std::size_t task) {
    candidates_[task] = best_split(*nodes[task / feature_count], task % feature_count);
  });
  for (std::size_t n = 0; n < nodes.size(); ++n) keep_best_candidate(*nodes[n], n);
}

// Candidates are combined in feature order, whichever thread found them first.
void TreeGrower::keep_best_candidate(OpenNode& node, std::size_t candidate_row) const {
  const std::size_t feature_count = features_.size();
  for (std::size_t j = 0; j < feature_count; ++j) {
    const SplitCandidate& candidate = candidates_[candidate_row * feature_count + j];
    if (candidate.found() && candidate.better_than(node.best)) node.best = candidate;
  }
}

SplitCandidate TreeGrower::best_split(const OpenNode& node, std::size_t feature_index) const {
  const std::size_t feature = features_[feature_index];
  const std::span<const GradientSum> slots{histograms_[node.histogram].data() + binned_.slot_offset(feature),
                                           binned_.slot_count(feature)};
  return best_split_for_feature(static_cast<std::int32_t>(feature), slots, binned_.bin_count(feature), node.sum,
                                settings_.constraints);
}

void TreeGrower::make_leaf(GbdtTree& tree, const OpenNode& node) {
  tree.nodes[node.node].value = settings_.learning_rate * leaf_weight(node.sum, settings_.constraints);
  leaf_rows_.push_back({node.node, partition_.rows(node.segment)});
  if (node.histogram != kNoHistogram) release_histogram(node.histogram);
}

std::span<GradientSum> TreeGrower::histogram(std::size_t buffer, std::size_t feature) {
  return {histograms_[buffer].data() + binned_.slot_offset(feature), binned_.slot_count(feature)};
}

std::size_t TreeGrower::acquire_histogram() {
  if (!free_histograms_.empty()) {
    const std::size_t buffer = free_histograms_.back();
    free_histograms_.pop_back();
    return buffer;
  }
  histograms_.emplace_back(binned_.total_slots());
  return histograms_.size() - 1;
}

void TreeGrower::release_histogram(std::size_t buffer) { free_histograms_.push_back(buffer); }

}  // namespace sonic::ml::gbdt
