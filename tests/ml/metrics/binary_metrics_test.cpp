// The binary metrics on cases small enough to work out by hand, and their refusals.
#include <gtest/gtest.h>

#include <cmath>

#include "sonic/core/error.hpp"
#include "sonic/ml/metrics/binary_metrics.hpp"
#include "sonic/ml/metrics/calibration.hpp"

namespace sonic::ml {
namespace {

Eigen::VectorXi labels_of(std::initializer_list<int> values) {
  Eigen::VectorXi v(static_cast<Eigen::Index>(values.size()));
  Eigen::Index i = 0;
  for (int value : values) v[i++] = value;
  return v;
}

Eigen::VectorXd scores_of(std::initializer_list<double> values) {
  Eigen::VectorXd v(static_cast<Eigen::Index>(values.size()));
  Eigen::Index i = 0;
  for (double value : values) v[i++] = value;
  return v;
}

TEST(RocAuc, CountsOrderedPairsAndHalfOfTies) {
  // Positives 0.8, 0.4; negatives 0.6, 0.4, 0.1. Pairs: (0.8 beats all 3) + (0.4 beats 0.1, ties
  // 0.4, loses to 0.6) = 3 + 1.5 of 6.
  EXPECT_DOUBLE_EQ(roc_auc(labels_of({1, 0, 1, 0, 0}), scores_of({0.8, 0.6, 0.4, 0.4, 0.1})), 4.5 / 6);
  EXPECT_DOUBLE_EQ(roc_auc(labels_of({0, 1}), scores_of({0.2, 0.9})), 1.0);
  EXPECT_DOUBLE_EQ(roc_auc(labels_of({1, 0}), scores_of({0.2, 0.9})), 0.0);
  EXPECT_DOUBLE_EQ(roc_auc(labels_of({1, 0, 0, 1}), scores_of({0.5, 0.5, 0.5, 0.5})), 0.5);
}

TEST(AveragePrecision, WeighsPrecisionByTheRecallEachThresholdAdds) {
  // Descending: 0.9 (1) → P 1, R 1/2; 0.7 (0) → adds no recall; 0.5 (1) → P 2/3, R 1.
  // AP = 1/2 × 1 + 1/2 × 2/3.
  EXPECT_DOUBLE_EQ(average_precision(labels_of({1, 0, 1, 0}), scores_of({0.9, 0.7, 0.5, 0.1})), 0.5 + 1.0 / 3);
  // A tie is one threshold: both rows enter together (P 1/2 at R 1).
  EXPECT_DOUBLE_EQ(average_precision(labels_of({1, 0}), scores_of({0.5, 0.5})), 0.5);
}

TEST(LogLoss, IsTheMeanNegativeLogLikelihoodClippedAwayFromZero) {
  EXPECT_DOUBLE_EQ(log_loss(labels_of({1, 0}), scores_of({0.8, 0.4})), -(std::log(0.8) + std::log(0.6)) / 2);
  // A certain wrong answer costs −log ε, not infinity.
  EXPECT_NEAR(log_loss(labels_of({1}), scores_of({0.0})), 36.04365338911715, 1e-9);
}

TEST(BrierScore, IsTheMeanSquaredError) {
  EXPECT_DOUBLE_EQ(brier_score(labels_of({1, 0, 0}), scores_of({0.5, 0.5, 0.0})), (0.25 + 0.25) / 3);
}

TEST(CalibrationTable, BinsByEqualWidthWithEdgesInTheLowerBinAndSkipsEmptyBins) {
  const auto table = calibration_table(labels_of({0, 1, 1, 0, 1}), scores_of({0.05, 0.1, 0.15, 0.95, 1.0}), 10);
  ASSERT_EQ(table.size(), 3u);
  EXPECT_EQ(table[0].count, 2);  // 0.05 and the edge 0.1
  EXPECT_DOUBLE_EQ(table[0].mean_predicted, 0.075);
  EXPECT_DOUBLE_EQ(table[0].observed_rate, 0.5);
  EXPECT_DOUBLE_EQ(table[0].lower, 0.0);
  EXPECT_DOUBLE_EQ(table[1].lower, 0.1);
  EXPECT_EQ(table[1].count, 1);
  EXPECT_EQ(table[2].count, 2);
  EXPECT_DOUBLE_EQ(table[2].upper, 1.0);
  EXPECT_DOUBLE_EQ(table[2].observed_rate, 0.5);
}

TEST(BinaryMetrics, RefuseWhatTheyCannotScore) {
  EXPECT_THROW(roc_auc(labels_of({1, 1}), scores_of({0.2, 0.3})), InputError);  // one class
  EXPECT_THROW(average_precision(labels_of({0, 0}), scores_of({0.2, 0.3})), InputError);
  EXPECT_THROW(log_loss(labels_of({1, 2}), scores_of({0.2, 0.3})), InputError);
  EXPECT_THROW(brier_score(labels_of({1}), scores_of({0.2, 0.3})), InputError);
  EXPECT_THROW(brier_score(labels_of({1}), scores_of({1.5})), InputError);
  EXPECT_THROW(log_loss(labels_of({}), scores_of({})), InputError);
  EXPECT_THROW(roc_auc(labels_of({1, 0}), scores_of({NAN, 0.3})), InputError);
  EXPECT_THROW(calibration_table(labels_of({1}), scores_of({0.5}), 0), InputError);
  try {
    log_loss(labels_of({0, 1, 3}), scores_of({0.1, 0.2, 0.3}));
    FAIL();
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "log-loss: row 2 has label 3, expected 0 or 1");
  }
}

}  // namespace
}  // namespace sonic::ml
