#pragma once
// Grows one tree depth by depth on binned features. Per depth, all nodes of that depth are
// handled together, so every parallel step has enough tasks for the threads:
//   1. split each node's rows (and their gradients) into its two children (one task per node);
//   2. build the histogram of each smaller child, derive its sibling's by subtraction, and find
//      both children's best split (one task per node and group of up to four features).
// Each task owns its output and the results are combined in feature order, so the tree is the
// same whatever the number of threads.
#include <cstdint>
#include <span>
#include <vector>

#include "ml/common/thread_pool.hpp"
#include "ml/gbdt/binned_matrix.hpp"
#include "ml/gbdt/gradient_pair.hpp"
#include "ml/gbdt/row_partition.hpp"
#include "ml/gbdt/split_finder.hpp"
#include "sonic/ml/gbdt/tree.hpp"

namespace sonic::ml::gbdt {

struct GrowthSettings {
  int max_depth = 6;
  double learning_rate = 0.1;
  SplitConstraints constraints;
};

struct LeafRows {
  std::size_t node;                     // index of the leaf in the tree's nodes
  std::span<const std::uint32_t> rows;  // the training rows that ended there
};

class TreeGrower {
 public:
  TreeGrower(const BinnedMatrix& binned, ThreadPool& pool, GrowthSettings settings);

  // One tree fitted to `gradients` (one pair per training row) on the rows listed in `rows`
  // (ascending), splitting only on the features listed in `features` (ascending, not empty).
  GbdtTree grow(std::span<const GradientPair> gradients, std::span<const std::uint32_t> rows,
                std::span<const std::uint32_t> features);

  // The rows of each leaf of the tree grown last, valid until the next grow().
  const std::vector<LeafRows>& leaf_rows() const { return leaf_rows_; }

 private:
  struct OpenNode;
  struct SplitPair;

  SplitPair record_split(GbdtTree& tree, const OpenNode& node) const;
  void plan_feature_groups();
  void build_histograms_of_group(std::size_t group, std::size_t histogram, RowSegment segment);
  void build_root_histogram(OpenNode& root);
  void split_rows(std::vector<SplitPair>& pairs);
  void find_children_splits(std::vector<SplitPair>& pairs);
  void find_best_splits(std::vector<OpenNode*> nodes);
  void keep_best_candidate(OpenNode& node, std::size_t candidate_row) const;
  SplitCandidate best_split(const OpenNode& node, std::size_t feature_index) const;
  void make_leaf(GbdtTree& tree, const OpenNode& node);

  std::span<GradientSum> histogram(std::size_t buffer, std::size_t feature);
  std::size_t acquire_histogram();
  void release_histogram(std::size_t buffer);

  const BinnedMatrix& binned_;
  ThreadPool& pool_;
  GrowthSettings settings_;
  std::span<const std::uint32_t> features_;
  std::vector<std::pair<std::size_t, std::size_t>> feature_groups_;  // [begin, end) in features_
  RowPartition partition_;
  std::vector<std::vector<GradientSum>> histograms_;
  std::vector<std::size_t> free_histograms_;
  std::vector<SplitCandidate> candidates_;  // a row of features per node, for one depth
  std::vector<LeafRows> leaf_rows_;
};

}  // namespace sonic::ml::gbdt
