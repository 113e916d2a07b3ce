#include "sonic/ml/common/invalid_argument.hpp"
#include "sonic/ml/data/stratified_folds.hpp"

#include <gtest/gtest.h>

#include <map>

namespace sonic::ml {
namespace {

TEST(StratifiedFolds, EveryFoldKeepsEachClassShareWithinOne) {
  std::vector<int> labels;
  for (int i = 0; i < 97; ++i) labels.push_back(i % 7 == 0 ? 2 : i % 3 == 0 ? 1 : 0);  // unequal classes
  const auto folds = stratified_fold_ids(labels, 3, 5, 42);
  ASSERT_EQ(folds.size(), labels.size());
  std::map<std::pair<int, int>, int> count;  // (fold, class) -> rows
  for (std::size_t row = 0; row < labels.size(); ++row) {
    ASSERT_GE(folds[row], 0);
    ASSERT_LT(folds[row], 5);
    ++count[{folds[row], labels[row]}];
  }
  for (int c = 0; c < 3; ++c) {
    int low = 1000, high = 0;
    for (int f = 0; f < 5; ++f) {
      low = std::min(low, count[{f, c}]);
      high = std::max(high, count[{f, c}]);
    }
    EXPECT_LE(high - low, 1) << "class " << c;
  }
}

TEST(StratifiedFolds, TheSeedDecidesAndOnlyTheSeed) {
  std::vector<int> labels(60);
  for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = static_cast<int>(i % 2);
  EXPECT_EQ(stratified_fold_ids(labels, 2, 10, 7), stratified_fold_ids(labels, 2, 10, 7));
  EXPECT_NE(stratified_fold_ids(labels, 2, 10, 7), stratified_fold_ids(labels, 2, 10, 8));
}

TEST(StratifiedFolds, RefusesImpossibleFoldCounts) {
  const std::vector<int> labels = {0, 1, 0};
  EXPECT_THROW(stratified_fold_ids(labels, 2, 1, 1), InvalidArgument);
  EXPECT_THROW(stratified_fold_ids(labels, 2, 4, 1), InvalidArgument);
}

}  // namespace
}  // namespace sonic::ml
