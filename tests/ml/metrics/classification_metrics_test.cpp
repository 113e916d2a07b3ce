#include "sonic/ml/metrics/classification_metrics.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"

namespace sonic::ml {
namespace {

Eigen::VectorXi ints(std::initializer_list<int> values) {
  Eigen::VectorXi vector(static_cast<Eigen::Index>(values.size()));
  Eigen::Index i = 0;
  for (const int value : values) vector(i++) = value;
  return vector;
}

// Expected values from scikit-learn 1.x on the same arrays (accuracy_score, f1_score,
// precision_score, recall_score with average=None and "macro").
TEST(ClassificationMetrics, AgreesWithScikitLearn) {
  const auto metrics =
      classification_metrics(ints({0, 0, 1, 1, 2, 2, 2, 0, 1, 2}), ints({0, 1, 1, 1, 2, 0, 2, 0, 2, 2}), 3);
  EXPECT_DOUBLE_EQ(metrics.accuracy, 0.7);
  EXPECT_NEAR(metrics.classes[0].f1, 2.0 / 3, 1e-12);
  EXPECT_NEAR(metrics.classes[1].precision, 2.0 / 3, 1e-12);
  EXPECT_NEAR(metrics.classes[2].recall, 0.75, 1e-12);
  EXPECT_NEAR(metrics.macro_f1, 0.6944444444444443, 1e-12);
  EXPECT_EQ(metrics.classes[2].support, 4);
  EXPECT_EQ(metrics.confusion(2, 0), 1);  // one true 2 predicted 0
  EXPECT_EQ(metrics.confusion.sum(), 10);
}

TEST(ClassificationMetrics, ClassesNeverSeenDoNotCountInMacroF1) {
  const auto metrics = classification_metrics(ints({0, 1}), ints({0, 1}), 4);
  EXPECT_DOUBLE_EQ(metrics.macro_f1, 1.0);
  EXPECT_EQ(metrics.classes[3].f1, 0);
}

TEST(ClassificationMetrics, RefusesMismatchedOrOutOfRangeLabels) {
  EXPECT_THROW(classification_metrics(ints({0, 1}), ints({0}), 2), InputError);
  EXPECT_THROW(classification_metrics(ints({0, 2}), ints({0, 1}), 2), InputError);
}

TEST(RocAuc, CountsTiesAsHalfLikeScikitLearn) {
  Eigen::VectorXd scores(6);
  scores << 0.1, 0.4, 0.35, 0.8, 0.4, 0.2;
  const auto auc = roc_auc(scores, {false, false, true, true, true, false});
  ASSERT_TRUE(auc);
  EXPECT_NEAR(*auc, 0.8333333333333334, 1e-12);  // roc_auc_score
}

TEST(RocAuc, PerfectReversedAndUndefined) {
  Eigen::VectorXd scores(4);
  scores << 0.1, 0.2, 0.3, 0.4;
  EXPECT_DOUBLE_EQ(*roc_auc(scores, {false, false, true, true}), 1.0);
  EXPECT_DOUBLE_EQ(*roc_auc(scores, {true, true, false, false}), 0.0);
  EXPECT_FALSE(roc_auc(scores, {true, true, true, true}));
}

TEST(OneVsRestAuc, AgreesWithScikitLearnMacroOvr) {
  Eigen::MatrixXd probabilities(10, 3);
  probabilities << 0.7, 0.2, 0.1, 0.5, 0.3, 0.2, 0.2, 0.5, 0.3, 0.1, 0.8, 0.1, 0.2, 0.2, 0.6, 0.3, 0.3, 0.4, 0.1, 0.1,
      0.8, 0.4, 0.4, 0.2, 0.3, 0.3, 0.4, 0.2, 0.3, 0.5;
  const auto auc = one_vs_rest_auc(ints({0, 0, 1, 1, 2, 2, 2, 0, 1, 2}), probabilities);
  ASSERT_TRUE(auc);
  EXPECT_NEAR(*auc, 0.9533730158730158, 1e-12);  // roc_auc_score(multi_class="ovr")
}

}  // namespace
}  // namespace sonic::ml
