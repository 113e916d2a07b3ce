// sonic's booster against XGBoost 1.7 (tree_method='hist') on the same data and settings; the
// fixture and the script that made it are in tests/data/gbdt/.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "ml/gbdt/test_support.hpp"
#include "sonic/ml/gbdt/trainer.hpp"
#include "support/shared_data.hpp"

namespace sonic::ml {
namespace {

const nlohmann::json& fixture() {
  static const nlohmann::json json = [] {
    std::ifstream in(sonic::testing::test_data("gbdt/xgboost_fixture.json"));
    return nlohmann::json::parse(in);
  }();
  return json;
}

struct Trained {
  GbdtModel model;
  Eigen::MatrixXd test_x;
  const nlohmann::json& expected;
};

Trained train_case(const std::string& name) {
  const nlohmann::json& c = fixture().at(name);
  const nlohmann::json& p = c.at("params");
  const int classes = c.at("classes").get<int>();
  GbdtParams params = testing::small_params(classes);
  params.num_rounds = p.at("num_rounds").get<int>();
  params.max_depth = p.at("max_depth").get<int>();
  params.learning_rate = p.at("learning_rate").get<double>();
  params.max_bin = p.at("max_bin").get<int>();
  params.min_child_weight = p.at("min_child_weight").get<double>();
  params.lambda = p.at("lambda").get<double>();
  const Eigen::MatrixXd x = testing::matrix_from_json(c.at("train").at("x"));
  const auto labels = c.at("train").at("y").get<std::vector<int>>();
  const Eigen::VectorXi y = Eigen::Map<const Eigen::VectorXi>(labels.data(), static_cast<Eigen::Index>(labels.size()));
  return {train_gbdt(x, y, params), testing::matrix_from_json(c.at("test").at("x")), c.at("test")};
}

double max_abs_difference(const Eigen::MatrixXd& ours, const nlohmann::json& theirs) {
  return (ours - testing::matrix_from_json(theirs)).cwiseAbs().maxCoeff();
}

// With fewer distinct values than bins, XGBoost's cuts are the distinct values, as ours: the
// same splits are found and only float rounding separates the two. XGBoost keeps gradients,
// leaf values and margins in float32 (7 digits); over 20 rounds of margins near ±3 that is
// within 1e-5, so 1e-4 leaves room without letting a different split through (the smallest
// leaf here moves a margin by about 0.01).
constexpr double kExactBinsTolerance = 1e-4;

// The defaults are the settings XGBoost runs with in the shared reference script, read from the
// script itself: if either side changes, the catalog hit model and bench/gbdt_bench stop being
// compared with XGBoost on equal terms, and this says which setting moved.
TEST(GbdtAgainstXgboost, TheDefaultsAreTheReferenceScriptsSettings) {
  const auto script = sonic::testing::shared_dir() / "bench" / "anchors.py";
  if (sonic::testing::shared_dir().empty() || !std::filesystem::exists(script))
    GTEST_SKIP() << "shared bench scripts not available";
  std::ifstream in(script);
  std::stringstream text;
  text << in.rdbuf();
  std::smatch call;
  const std::string source = text.str();
  ASSERT_TRUE(std::regex_search(source, call, std::regex(R"(kw = dict\(([^)]*)\))")))
      << "no XGBoost settings in " << script;
  std::map<std::string, double> settings;
  const std::string arguments = call[1].str();
  const std::regex number_argument(R"((\w+)=([0-9.]+))");
  for (auto it = std::sregex_iterator(arguments.begin(), arguments.end(), number_argument);
       it != std::sregex_iterator(); ++it)
    settings[(*it)[1].str()] = std::stod((*it)[2].str());
  const GbdtParams defaults;
  EXPECT_EQ(settings.at("n_estimators"), defaults.num_rounds);
  EXPECT_EQ(settings.at("max_depth"), defaults.max_depth);
  EXPECT_EQ(settings.at("learning_rate"), defaults.learning_rate);
  EXPECT_EQ(settings.at("max_bin"), defaults.max_bin);
  EXPECT_EQ(settings.at("random_state"), static_cast<double>(defaults.seed));
  EXPECT_EQ(settings.at("reg_lambda"), defaults.lambda);
  EXPECT_EQ(settings.at("min_child_weight"), defaults.min_child_weight);
  EXPECT_EQ(defaults.subsample, 1.0);
  EXPECT_EQ(defaults.colsample_bytree, 1.0);
  EXPECT_EQ(defaults.gamma, 0.0);
}

TEST(GbdtAgainstXgboost, BinaryWithExactBinsGivesTheSameMargins) {
  const Trained t = train_case("binary_exact_bins");
  EXPECT_LT(max_abs_difference(t.model.predict_margin(t.test_x), t.expected.at("margin")), kExactBinsTolerance);
  EXPECT_LT(max_abs_difference(t.model.predict_proba(t.test_x), t.expected.at("proba")), kExactBinsTolerance);
}

TEST(GbdtAgainstXgboost, MulticlassWithExactBinsGivesTheSameProbabilities) {
  const Trained t = train_case("multiclass_exact_bins");
  EXPECT_LT(max_abs_difference(t.model.predict_margin(t.test_x), t.expected.at("margin")), kExactBinsTolerance);
  EXPECT_LT(max_abs_difference(t.model.predict_proba(t.test_x), t.expected.at("proba")), kExactBinsTolerance);
}

TEST(GbdtAgainstXgboost, TreeShapMatchesXgboostsContributions) {
  for (const char* name : {"binary_exact_bins", "multiclass_exact_bins"}) {
    SCOPED_TRACE(name);
    const Trained t = train_case(name);
    const nlohmann::json& expected = t.expected.at("contributions");  // rows, outputs, features+1
    for (std::size_t k = 0; k < t.model.output_count(); ++k) {
      const Eigen::MatrixXd ours = t.model.contributions(t.test_x, k);
      nlohmann::json theirs = nlohmann::json::array();
      for (const auto& row : expected) theirs.push_back(row.at(k));
      EXPECT_LT(max_abs_difference(ours, theirs), kExactBinsTolerance) << "output " << k;
    }
  }
}

// With continuous features and 32 bins the cuts can differ: sonic picks them from the exact
// sorted values by XGBoost's summary-pruning rule, XGBoost from its (float32, possibly
// approximate) sketch, and here most cuts coincide but some land one value apart, so a few rows
// change leaves. Agreement is then statistical. Measured on the 200 test rows: probabilities
// 0.011 apart on average, 0.076 at most, 199 of 200 predicted classes the same. The bounds
// (0.015, 0.10, 97%) leave a little room for that and no more: growing one level deeper or
// shallower than XGBoost gives 0.027 on average, 30 rounds instead of 40 gives 0.018, 16 or 256
// bins instead of 32 give 0.022 or more, and the untrained model is 0.21 away. The exact-bin
// cases above are the ones that pin gains, leaf values and directions down.
TEST(GbdtAgainstXgboost, BinaryWithQuantileBinsGivesClosePredictions) {
  const Trained t = train_case("binary_quantile_bins");
  const Eigen::MatrixXd ours = t.model.predict_proba(t.test_x);
  const Eigen::MatrixXd theirs = testing::matrix_from_json(t.expected.at("proba"));
  const Eigen::ArrayXd difference = (ours.col(1) - theirs.col(1)).array().abs();
  EXPECT_LT(difference.mean(), 0.015);
  EXPECT_LT(difference.maxCoeff(), 0.10);
  const Eigen::Index same_class = ((ours.col(1).array() > 0.5) == (theirs.col(1).array() > 0.5)).count();
  EXPECT_GE(same_class, ours.rows() * 97 / 100);
}

}  // namespace
}  // namespace sonic::ml
