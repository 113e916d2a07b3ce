#include "ml/data/holdout_split.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace sonic::ml {
namespace {

void expect_partition(const HoldoutSplit& split, Eigen::Index rows) {
  std::vector<Eigen::Index> all = split.kept;
  all.insert(all.end(), split.held_out.begin(), split.held_out.end());
  std::sort(all.begin(), all.end());
  ASSERT_EQ(all.size(), static_cast<std::size_t>(rows));
  for (Eigen::Index i = 0; i < rows; ++i) EXPECT_EQ(all[static_cast<std::size_t>(i)], i);
  EXPECT_TRUE(std::is_sorted(split.kept.begin(), split.kept.end()));
  EXPECT_TRUE(std::is_sorted(split.held_out.begin(), split.held_out.end()));
}

TEST(HoldoutSplit, RandomHoldoutTakesTheRoundedFractionBySeed) {
  const auto split = random_holdout(100, 0.15, 1);
  expect_partition(split, 100);
  EXPECT_EQ(split.held_out.size(), 15u);
  EXPECT_EQ(random_holdout(100, 0.15, 1).held_out, split.held_out);
  EXPECT_NE(random_holdout(100, 0.15, 2).held_out, split.held_out);
  EXPECT_EQ(random_holdout(5, 0.01, 1).held_out.size(), 1u);  // asked for some: at least one
  EXPECT_TRUE(random_holdout(5, 0.0, 1).held_out.empty());
}

TEST(HoldoutSplit, StratifiedHoldoutKeepsEachClassShare) {
  // 80 rows of class 0, 20 of class 1, interleaved.
  std::vector<int> labels;
  for (int i = 0; i < 100; ++i) labels.push_back(i % 5 == 0 ? 1 : 0);
  const auto split = stratified_holdout(labels, 2, 0.25, 9);
  expect_partition(split, 100);
  const auto held_ones = std::count_if(split.held_out.begin(), split.held_out.end(),
                                       [&](Eigen::Index row) { return labels[static_cast<std::size_t>(row)] == 1; });
  EXPECT_EQ(split.held_out.size(), 25u);
  EXPECT_EQ(held_ones, 5);
}

TEST(HoldoutSplit, StratifiedHoldoutLeavesASingletonClassInTraining) {
  const std::vector<int> labels{0, 0, 0, 0, 1};
  const auto split = stratified_holdout(labels, 2, 0.5, 3);
  EXPECT_NE(std::find(split.kept.begin(), split.kept.end(), 4), split.kept.end());
  EXPECT_EQ(split.held_out.size(), 2u);
}

}  // namespace
}  // namespace sonic::ml
