// The binary metrics and calibration table against scikit-learn 1.2 on the cases of
// tests/data/metrics/sklearn_fixture.json (made by make_sklearn_fixture.py beside it).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "sonic/ml/metrics/binary_metrics.hpp"
#include "sonic/ml/metrics/calibration.hpp"
#include "support/shared_data.hpp"

namespace sonic::ml {
namespace {

const nlohmann::json& fixture() {
  static const nlohmann::json json = [] {
    std::ifstream in(sonic::testing::test_data("metrics/sklearn_fixture.json"));
    return nlohmann::json::parse(in);
  }();
  return json;
}

class SklearnMetrics : public ::testing::TestWithParam<std::string> {};

TEST_P(SklearnMetrics, AgreeToRoundingError) {
  const nlohmann::json& c = fixture().at("cases").at(GetParam());
  const auto label_list = c.at("labels").get<std::vector<int>>();
  const auto probability_list = c.at("probabilities").get<std::vector<double>>();
  const Eigen::VectorXi labels =
      Eigen::Map<const Eigen::VectorXi>(label_list.data(), static_cast<Eigen::Index>(label_list.size()));
  const Eigen::VectorXd probabilities =
      Eigen::Map<const Eigen::VectorXd>(probability_list.data(), static_cast<Eigen::Index>(probability_list.size()));

  EXPECT_NEAR(roc_auc(labels, probabilities), c.at("roc_auc").get<double>(), 1e-12);
  EXPECT_NEAR(average_precision(labels, probabilities), c.at("average_precision").get<double>(), 1e-12);
  EXPECT_NEAR(log_loss(labels, probabilities), c.at("log_loss").get<double>(), 1e-12);
  EXPECT_NEAR(brier_score(labels, probabilities), c.at("brier").get<double>(), 1e-12);

  const auto table = calibration_table(labels, probabilities, 10);
  const auto observed = c.at("calibration_observed").get<std::vector<double>>();
  const auto predicted = c.at("calibration_predicted").get<std::vector<double>>();
  ASSERT_EQ(table.size(), observed.size());
  long rows = 0;
  for (std::size_t b = 0; b < table.size(); ++b) {
    EXPECT_NEAR(table[b].observed_rate, observed[b], 1e-12) << "bin " << b;
    EXPECT_NEAR(table[b].mean_predicted, predicted[b], 1e-12) << "bin " << b;
    rows += table[b].count;
  }
  EXPECT_EQ(rows, labels.size());
}

INSTANTIATE_TEST_SUITE_P(Cases, SklearnMetrics, ::testing::Values("rare", "tied", "edges"));

}  // namespace
}  // namespace sonic::ml
