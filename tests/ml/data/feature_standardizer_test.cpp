#include "sonic/ml/data/feature_standardizer.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace sonic::ml {
namespace {

TEST(FeatureStandardizer, FitsPopulationMeanAndDeviationOfTheChosenRows) {
  Eigen::MatrixXf features(4, 2);
  features << 1, 10,  //
      3, 10,          //
      5, 10,          //
      100, -7;        // not among the fitted rows
  const std::vector<Eigen::Index> rows{0, 1, 2};
  const auto standardizer = FeatureStandardizer::fit(features, rows);
  EXPECT_FLOAT_EQ(standardizer.mean()(0), 3.0f);
  EXPECT_FLOAT_EQ(standardizer.scale()(0), 1.6329932f);  // sqrt(8/3)
  // Constant in the fitted rows: scale 1, so a new value becomes its plain distance from the mean.
  EXPECT_FLOAT_EQ(standardizer.mean()(1), 10.0f);
  EXPECT_FLOAT_EQ(standardizer.scale()(1), 1.0f);

  const Eigen::MatrixXf columns = standardizer.to_columns(features);
  ASSERT_EQ(columns.rows(), 2);
  ASSERT_EQ(columns.cols(), 4);
  EXPECT_FLOAT_EQ(columns(0, 0), -2.0f / 1.6329932f);
  EXPECT_FLOAT_EQ(columns(0, 1), 0.0f);
  EXPECT_FLOAT_EQ(columns(1, 3), -17.0f);
}

TEST(FeatureStandardizer, ConstantColumnWithLargeValuesStaysConstant) {
  Eigen::MatrixXf features = Eigen::MatrixXf::Constant(7, 1, 123456.7f);
  const auto standardizer = FeatureStandardizer::fit(features);
  EXPECT_FLOAT_EQ(standardizer.scale()(0), 1.0f);
  EXPECT_TRUE(standardizer.to_columns(features).isZero());
}

TEST(FeatureStandardizer, SelectsAndOrdersRowsAsAsked) {
  Eigen::MatrixXf features(3, 1);
  features << 1, 2, 3;
  const auto identity = FeatureStandardizer::identity(1);
  const std::vector<Eigen::Index> rows{2, 0};
  const Eigen::MatrixXf columns = identity.to_columns(features, rows);
  ASSERT_EQ(columns.cols(), 2);
  EXPECT_EQ(columns(0, 0), 3.0f);
  EXPECT_EQ(columns(0, 1), 1.0f);
}

}  // namespace
}  // namespace sonic::ml
