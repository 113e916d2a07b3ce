#include "sonic/session/hour_of_week_baseline.hpp"

#include <gtest/gtest.h>

#include "sonic/features/session_dataset.hpp"

namespace sonic::session {
namespace {

Eigen::MatrixXd rows_at(std::initializer_list<std::pair<int, int>> weekday_hours) {
  Eigen::MatrixXd rows =
      Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(weekday_hours.size()), features::kSessionFeatureCount);
  Eigen::Index r = 0;
  for (const auto& [weekday, hour] : weekday_hours) {
    rows(r, static_cast<int>(features::SessionFeature::weekday)) = weekday;
    rows(r, static_cast<int>(features::SessionFeature::hour)) = hour;
    ++r;
  }
  return rows;
}

TEST(HourOfWeekBaseline, IsTheStartRateOfEachWeekdayHourAndTheOverallRateElsewhere) {
  // Monday 8:00 four times (3 starts), Tuesday 8:00 twice (no start), Monday 9:00 twice (1 start).
  const Eigen::MatrixXd train = rows_at({{0, 8}, {0, 8}, {0, 8}, {0, 8}, {1, 8}, {1, 8}, {0, 9}, {0, 9}});
  Eigen::VectorXi labels(8);
  labels << 1, 1, 0, 1, 0, 0, 1, 0;
  const auto baseline = HourOfWeekBaseline::fit(train, labels);
  EXPECT_DOUBLE_EQ(baseline.rate(0, 8), 0.75);
  EXPECT_DOUBLE_EQ(baseline.rate(1, 8), 0.0);
  EXPECT_DOUBLE_EQ(baseline.rate(0, 9), 0.5);
  const Eigen::VectorXd predicted = baseline.predict(rows_at({{0, 8}, {6, 23}}));
  EXPECT_DOUBLE_EQ(predicted[0], 0.75);
  EXPECT_DOUBLE_EQ(predicted[1], 4.0 / 8);  // never seen: the overall rate
}

}  // namespace
}  // namespace sonic::session
