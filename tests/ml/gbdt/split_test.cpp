// Split finding and stumps, checked against gains and leaf values worked out by hand from the
// gradient sums G and hessian sums H:  score = G²/(H+λ),  leaf = -G/(H+λ).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ml/gbdt/split_finder.hpp"
#include "sonic/ml/gbdt/trainer.hpp"

namespace sonic::ml {
namespace {

using gbdt::GradientSum;
using gbdt::SplitConstraints;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// x = 1..6, y = 0 0 1 0 1 1. The label mean is 1/2, so every row starts at margin 0, p = 1/2:
// g = p - y = ±1/2 and h = p(1-p) = 1/4 (all exact in binary floating point).
// With λ = 1 the splits "x < t" score (left + right - parent, parent G = 0):
//   t=2: L(G .5,H .25) .25/1.25 = .2       R(-.5, 1.25) .25/2.25 = .111   gain .311
//   t=3: L(1, .5)      1/1.5   = .667      R(-1, 1)     1/2      = .5     gain 7/6
//   t=4: L(.5, .75)    .25/1.75 = .143     R(-.5, .75)           = .143   gain 2/7
//   t=5: L(1, 1)       1/2     = .5        R(-1, .5)    1/1.5    = .667   gain 7/6
//   t=6: L(.5, 1.25)   .25/2.25 = .111     R(-.5, .25)  .25/1.25 = .2     gain .311
// t=3 and t=5 tie exactly; the first met (the lower threshold) wins.
struct Stump {
  Eigen::MatrixXd x{Eigen::MatrixXd(6, 1)};
  Eigen::VectorXi y{Eigen::VectorXi(6)};
  GbdtParams params;
  Stump() {
    x << 1, 2, 3, 4, 5, 6;
    y << 0, 0, 1, 0, 1, 1;
    params.num_rounds = 1;
    params.max_depth = 1;
    params.learning_rate = 1.0;
    params.lambda = 1.0;
    params.min_child_weight = 0.0;
    params.num_threads = 1;
  }
  GbdtTree tree() const { return train_gbdt(x, y, params).trees().at(0); }
};

TEST(GbdtStump, SplitsWhereTheHandWorkedGainIsLargest) {
  const GbdtTree tree = Stump().tree();
  ASSERT_EQ(tree.nodes.size(), 3u);
  const GbdtNode& root = tree.nodes[0];
  EXPECT_EQ(root.feature, 0);
  EXPECT_EQ(root.threshold, 3.0);
  EXPECT_DOUBLE_EQ(root.gain, 7.0 / 6.0);
  EXPECT_DOUBLE_EQ(root.cover, 1.5);
  const GbdtNode& left = tree.nodes[static_cast<std::size_t>(root.left)];
  const GbdtNode& right = tree.nodes[static_cast<std::size_t>(root.right)];
  EXPECT_DOUBLE_EQ(left.value, -1.0 / 1.5);  // -G/(H+λ) with G = 1, H = 0.5
  EXPECT_DOUBLE_EQ(right.value, 1.0 / 2.0);  // G = -1, H = 1
  EXPECT_DOUBLE_EQ(left.cover, 0.5);
  EXPECT_DOUBLE_EQ(right.cover, 1.0);
}

TEST(GbdtStump, LearningRateScalesTheLeaves) {
  Stump stump;
  stump.params.learning_rate = 0.25;
  const GbdtTree tree = stump.tree();
  EXPECT_DOUBLE_EQ(tree.nodes[1].value, 0.25 * -1.0 / 1.5);
  EXPECT_DOUBLE_EQ(tree.nodes[2].value, 0.25 * 0.5);
}

TEST(GbdtStump, MinChildWeightRulesOutLightSides) {
  // Only t=4 keeps a hessian sum of at least 0.6 on both sides (0.75 each).
  Stump stump;
  stump.params.min_child_weight = 0.6;
  const GbdtTree tree = stump.tree();
  ASSERT_EQ(tree.nodes.size(), 3u);
  EXPECT_EQ(tree.nodes[0].threshold, 4.0);
  EXPECT_DOUBLE_EQ(tree.nodes[0].gain, 2 * 0.25 / 1.75);
  EXPECT_DOUBLE_EQ(tree.nodes[1].value, -0.5 / 1.75);
  EXPECT_DOUBLE_EQ(tree.nodes[2].value, 0.5 / 1.75);
}

TEST(GbdtStump, GammaAboveTheBestGainLeavesOneLeaf) {
  Stump stump;
  stump.params.min_child_weight = 0.6;  // best gain 2/7 ≈ 0.286
  stump.params.gamma = 0.29;
  const GbdtTree tree = stump.tree();
  ASSERT_EQ(tree.nodes.size(), 1u);
  EXPECT_DOUBLE_EQ(tree.nodes[0].value, 0.0);  // G = 0
  stump.params.gamma = 0.28;
  EXPECT_EQ(stump.tree().nodes.size(), 3u);
}

TEST(GbdtStump, LambdaShrinksTheLeaves) {
  Stump stump;
  stump.params.lambda = 0.0;  // then t=3: L(1, .5) -> 2, R(-1, 1) -> 1, gain 3; t=5 ties again
  const GbdtTree tree = stump.tree();
  EXPECT_DOUBLE_EQ(tree.nodes[0].gain, 3.0);
  EXPECT_DOUBLE_EQ(tree.nodes[1].value, -2.0);
  EXPECT_DOUBLE_EQ(tree.nodes[2].value, 1.0);
}

SplitConstraints constraints(double lambda = 1.0, double min_child_weight = 0.0) {
  return {lambda, min_child_weight, 0.0};
}

TEST(GbdtSplitFinder, SendsMissingValuesWhereTheGainIsLarger) {
  // bins: (G -2, H 1), (G 2, H 1); missing (G -2, H 1); node (G -2, H 3), parent score 4/4 = 1.
  //   missing right, split after bin 0: L(-2, 1) 4/2 = 2, R(0, 2) 0        gain 1
  //   missing left,  split after bin 0: L(-4, 2) 16/3,    R(2, 1) 4/2 = 2  gain 19/3
  const GradientSum slots[] = {{-2, 1}, {2, 1}, {-2, 1}};
  const auto best = gbdt::best_split_for_feature(7, slots, 2, {-2, 3}, constraints());
  ASSERT_TRUE(best.found());
  EXPECT_EQ(best.feature, 7);
  EXPECT_EQ(best.bin, 0u);
  EXPECT_TRUE(best.default_left);
  EXPECT_DOUBLE_EQ(best.gain, 19.0 / 3.0);
  EXPECT_DOUBLE_EQ(best.left.grad, -4);
  EXPECT_DOUBLE_EQ(best.left.hess, 2);
  EXPECT_DOUBLE_EQ(best.right.grad, 2);
}

TEST(GbdtSplitFinder, WithoutMissingValuesTheDefaultIsTheHeavierSide) {
  const GradientSum light_left[] = {{-1, 1}, {2, 3}, {0, 0}};
  const auto right_heavy = gbdt::best_split_for_feature(0, light_left, 2, {1, 4}, constraints());
  ASSERT_TRUE(right_heavy.found());
  EXPECT_FALSE(right_heavy.default_left);
  const GradientSum heavy_left[] = {{-1, 3}, {2, 1}};
  const auto left_heavy = gbdt::best_split_for_feature(0, heavy_left, 2, {1, 4}, constraints());
  ASSERT_TRUE(left_heavy.found());
  EXPECT_TRUE(left_heavy.default_left);
}

TEST(GbdtSplitFinder, CanSplitPresentFromMissing) {
  // One bin of present values and the missing slot: the only split is "present | missing".
  const GradientSum slots[] = {{1, 1}, {-1, 1}};
  const auto best = gbdt::best_split_for_feature(0, slots, 1, {0, 2}, constraints());
  ASSERT_TRUE(best.found());
  EXPECT_EQ(best.bin, 0u);
  EXPECT_FALSE(best.default_left);
  EXPECT_DOUBLE_EQ(best.gain, 1.0);  // 1/2 + 1/2 - 0
}

TEST(GbdtSplitFinder, FindsNothingWhenNoSplitHelps) {
  const GradientSum same_ratio[] = {{1, 1}, {1, 1}, {1, 1}};
  EXPECT_FALSE(gbdt::best_split_for_feature(0, same_ratio, 3, {3, 3}, constraints(0)).found());
  const GradientSum one_bin[] = {{5, 2}};
  EXPECT_FALSE(gbdt::best_split_for_feature(0, one_bin, 1, {5, 2}, constraints()).found());
}

TEST(GbdtSplitFinder, LeafWeightIsTheRegularisedNewtonStep) {
  EXPECT_DOUBLE_EQ(gbdt::leaf_weight({3, 2}, constraints(1)), -1.0);
  EXPECT_DOUBLE_EQ(gbdt::leaf_weight({3, 2}, constraints(0)), -1.5);
  EXPECT_DOUBLE_EQ(gbdt::leaf_weight({3, 2}, constraints(1, 2.5)), 0.0);  // too light to trust
}

TEST(GbdtMissingValues, MissingRowsFollowTheLabelsTheyLookLike) {
  // y = [x > 0.5]; rows without x are positives in one set, negatives in the other. The root
  // splits near 0.5 and sends missing values to the side whose labels they share.
  for (int missing_label : {0, 1}) {
    SCOPED_TRACE(missing_label);
    Eigen::MatrixXd x(200, 1);
    Eigen::VectorXi y(200);
    for (Eigen::Index r = 0; r < 200; ++r) {
      x(r, 0) = static_cast<double>(r % 100) / 100.0;
      y[r] = x(r, 0) > 0.5 ? 1 : 0;
      if (r % 5 == 0) {
        x(r, 0) = kNaN;
        y[r] = missing_label;
      }
    }
    GbdtParams params;
    params.max_depth = 1;
    params.num_rounds = 1;
    params.num_threads = 1;
    const GbdtModel model = train_gbdt(x, y, params);
    const GbdtNode& root = model.trees().at(0).nodes.at(0);
    EXPECT_NEAR(root.threshold, 0.5, 0.011);
    EXPECT_EQ(root.default_left, missing_label == 0);

    Eigen::MatrixXd probe(3, 1);
    probe << kNaN, 0.1, 0.9;
    const Eigen::MatrixXd margin = model.predict_margin(probe);
    EXPECT_EQ(margin(0, 0), missing_label == 1 ? margin(2, 0) : margin(1, 0));
  }
}

TEST(GbdtMissingValues, MissingnessAloneCanBeTheSplit) {
  // A constant feature whose missingness is the label: the split sends every present value left
  // (threshold +infinity) and missing values right.
  Eigen::MatrixXd x = Eigen::MatrixXd::Constant(100, 1, 3.0);
  Eigen::VectorXi y = Eigen::VectorXi::Zero(100);
  for (Eigen::Index r = 0; r < 100; r += 3) {
    x(r, 0) = kNaN;
    y[r] = 1;
  }
  GbdtParams params;
  params.num_threads = 1;
  const GbdtModel model = train_gbdt(x, y, params);
  const GbdtNode& root = model.trees().at(0).nodes.at(0);
  EXPECT_EQ(root.threshold, std::numeric_limits<double>::infinity());
  EXPECT_FALSE(root.default_left);
  Eigen::MatrixXd probe(2, 1);
  probe << kNaN, 1e9;
  const Eigen::MatrixXd p = model.predict_proba(probe);
  EXPECT_GT(p(0, 1), 0.9);
  EXPECT_LT(p(1, 1), 0.1);
}

}  // namespace
}  // namespace sonic::ml
