// TreeSHAP against the definition of Shapley values, and its additivity on trained models.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "ml/gbdt/test_support.hpp"
#include "ml/gbdt/tree_shap.hpp"
#include "sonic/ml/gbdt/trainer.hpp"

namespace sonic::ml {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

GbdtNode split(std::int32_t feature, double threshold, std::int32_t left, std::int32_t right, bool default_left,
               double cover) {
  return {feature, threshold, left, right, default_left, 0.0, cover, 1.0};
}

GbdtNode leaf(double value, double cover) { return {-1, 0, -1, -1, false, value, cover, 0}; }

// Three features. Feature 0 is split on again below splits on features 1 and 2, which is what
// TreeSHAP's path unwinding is for; feature 1 sends missing values left, the others right.
// Covers add up from the leaves.
GbdtTree tiny_tree() {
  GbdtTree tree;
  tree.nodes = {split(0, 0.5, 1, 2, false, 10),   // 0
                split(1, 1.0, 3, 4, true, 6),     // 1
                split(2, 0.0, 5, 6, false, 4),    // 2
                split(0, 0.2, 7, 8, false, 2),    // 3: feature 0 again, below feature 1
                split(2, 0.0, 9, 10, false, 4),   // 4
                leaf(-2.0, 3),                    // 5
                split(0, 2.0, 11, 12, false, 1),  // 6: feature 0 again, below feature 2
                leaf(1.0, 1),                     // 7
                leaf(4.0, 1),                     // 8
                leaf(3.0, 1),                     // 9
                leaf(-1.0, 3),                    // 10
                leaf(0.5, 0.4),                   // 11
                leaf(2.0, 0.6)};                  // 12
  return tree;
}

// E[f(x) | the features in `known` take x's values], the rest following the training covers:
// the value function TreeSHAP explains (path-dependent, "interventional" it is not).
double conditional_value(const GbdtTree& tree, std::size_t node, const std::vector<double>& x, unsigned known) {
  const GbdtNode& n = tree.nodes[node];
  if (n.is_leaf()) return n.value;
  if (known & (1u << n.feature)) {
    return conditional_value(tree, GbdtTree::child_for(n, x[static_cast<std::size_t>(n.feature)]), x, known);
  }
  const auto left = static_cast<std::size_t>(n.left), right = static_cast<std::size_t>(n.right);
  return (tree.nodes[left].cover * conditional_value(tree, left, x, known) +
          tree.nodes[right].cover * conditional_value(tree, right, x, known)) /
         n.cover;
}

// Shapley values by their definition: a weighted sum over every subset of the other features.
std::vector<double> brute_force_shapley(const GbdtTree& tree, const std::vector<double>& x) {
  const std::size_t m = x.size();
  std::vector<double> phi(m, 0.0);
  auto factorial = [](std::size_t n) { return std::tgamma(static_cast<double>(n) + 1); };
  for (std::size_t i = 0; i < m; ++i) {
    for (unsigned subset = 0; subset < (1u << m); ++subset) {
      if (subset & (1u << i)) continue;
      const auto size = static_cast<std::size_t>(__builtin_popcount(subset));
      const double weight = factorial(size) * factorial(m - size - 1) / factorial(m);
      phi[i] += weight * (conditional_value(tree, 0, x, subset | (1u << i)) - conditional_value(tree, 0, x, subset));
    }
  }
  return phi;
}

TEST(GbdtTreeShap, MatchesBruteForceShapleyValuesOnATinyTree) {
  const GbdtTree tree = tiny_tree();
  const std::vector<std::vector<double>> rows = {
      {0.0, 0.0, 0.0},  {0.3, 0.0, -1.0}, {0.0, 2.0, -1.0}, {0.0, 2.0, 1.0},  {1.0, 0.0, 0.0},
      {1.0, 0.0, -1.0}, {3.0, 5.0, 5.0},  {kNaN, 2.0, 1.0}, {0.0, kNaN, 1.0}, {kNaN, kNaN, kNaN}};
  for (const auto& x : rows) {
    std::vector<double> phi(3, 0.0);
    add_tree_shap(tree, x, phi);
    const std::vector<double> expected = brute_force_shapley(tree, x);
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_NEAR(phi[i], expected[i], 1e-12) << "feature " << i << " of row " << x[0] << "," << x[1] << "," << x[2];
    }
    // Efficiency: the contributions explain the gap between this row and the average one.
    const double value =
        tree.nodes[tree.leaf_index([&](std::int32_t f) { return x[static_cast<std::size_t>(f)]; })].value;
    EXPECT_NEAR(phi[0] + phi[1] + phi[2], value - tree.expected_value(), 1e-12);
  }
}

TEST(GbdtTreeShap, ExpectedValueIsTheCoverWeightedMeanLeaf) {
  // (1*1 + 1*4 + 1*3 + 3*-1 + 3*-2 + 0.4*0.5 + 0.6*2) / 10
  EXPECT_NEAR(tiny_tree().expected_value(), (1.0 + 4.0 + 3.0 - 3.0 - 6.0 + 0.2 + 1.2) / 10.0, 1e-15);
}

TEST(GbdtTreeShap, ContributionsAddUpToEveryRowsMargin) {
  for (int classes : {2, 3}) {
    SCOPED_TRACE(classes);
    const auto train = testing::synthetic(1500, 6, classes, 61, 0.2);
    const auto test = testing::synthetic(200, 6, classes, 62, 0.2);
    GbdtParams params = testing::small_params(classes);
    params.max_depth = 6;
    const GbdtModel model = train_gbdt(train.x, train.y, params);
    const Eigen::MatrixXd margins = model.predict_margin(test.x);
    for (std::size_t k = 0; k < model.output_count(); ++k) {
      const Eigen::MatrixXd contributions = model.contributions(test.x, k);
      ASSERT_EQ(contributions.cols(), 7);
      const Eigen::VectorXd sums = contributions.rowwise().sum();
      for (Eigen::Index r = 0; r < test.x.rows(); ++r) {
        EXPECT_NEAR(sums[r], margins(r, static_cast<Eigen::Index>(k)), 1e-9) << "row " << r;
      }
    }
  }
}

TEST(GbdtTreeShap, AFeatureTheModelNeverSplitsOnContributesNothing) {
  auto data = testing::synthetic(800, 4, 2, 63);
  data.x.col(3).setConstant(1.0);
  const GbdtModel model = train_gbdt(data.x, data.y, testing::small_params());
  const Eigen::MatrixXd contributions = model.contributions(data.x.topRows(50));
  EXPECT_EQ(contributions.col(3).cwiseAbs().maxCoeff(), 0.0);
  EXPECT_GT(contributions.col(0).cwiseAbs().maxCoeff(), 0.1);
}

}  // namespace
}  // namespace sonic::ml
