// Whole-booster properties: loss goes down, threads change nothing, early stopping keeps the
// best round, subsampling uses its seed, bad input is refused with a clear message.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <set>

#include "ml/gbdt/test_support.hpp"
#include "sonic/core/error.hpp"
#include "sonic/ml/common/invalid_argument.hpp"
#include "sonic/ml/gbdt/model_json.hpp"
#include "sonic/ml/gbdt/trainer.hpp"

namespace sonic::ml {
namespace {

using testing::small_params;
using testing::synthetic;

TEST(GbdtTraining, TrainingLossNeverRisesAcrossRounds) {
  for (int classes : {2, 4}) {
    SCOPED_TRACE(classes);
    const auto data = synthetic(600, 5, classes, 11);
    const GbdtModel model = train_gbdt(data.x, data.y, small_params(classes));
    double previous = std::numeric_limits<double>::infinity();
    for (std::size_t rounds = 0; rounds <= model.round_count(); ++rounds) {
      // Probabilities from the first `rounds` rounds only.
      const Eigen::MatrixXd margins = model.predict_margin(data.x, rounds);
      Eigen::MatrixXd p(margins.rows(), classes);
      for (Eigen::Index r = 0; r < margins.rows(); ++r) {
        if (classes == 2) {
          p(r, 1) = 1 / (1 + std::exp(-margins(r, 0)));
          p(r, 0) = 1 - p(r, 1);
        } else {
          const Eigen::RowVectorXd e = (margins.row(r).array() - margins.row(r).maxCoeff()).exp();
          p.row(r) = e / e.sum();
        }
      }
      const double current = testing::log_loss(p, data.y);
      EXPECT_LE(current, previous + 1e-12) << "after " << rounds << " rounds";
      previous = current;
    }
    EXPECT_LT(previous, 0.5);  // and it learned something
  }
}

TEST(GbdtTraining, TheBaseMarginIsTheLogOddsOrLogShareOfTheLabels) {
  const auto binary = synthetic(400, 3, 2, 1);
  const GbdtModel model = train_gbdt(binary.x, binary.y, small_params());
  const double share = binary.y.cast<double>().mean();
  EXPECT_DOUBLE_EQ(model.base_margin().at(0), std::log(share / (1 - share)));

  const auto multi = synthetic(400, 3, 3, 1);
  const GbdtModel softmax = train_gbdt(multi.x, multi.y, small_params(3));
  for (int k = 0; k < 3; ++k) {
    const double class_share = (multi.y.array() == k).cast<double>().mean();
    EXPECT_DOUBLE_EQ(softmax.base_margin().at(static_cast<std::size_t>(k)), std::log(class_share));
  }
}

TEST(GbdtTraining, SameModelWhateverTheThreadCount) {
  for (int classes : {2, 3}) {
    const auto data = synthetic(3000, 6, classes, 5);
    GbdtParams params = small_params(classes);
    params.subsample = 0.8;
    params.colsample_bytree = 0.7;
    params.num_threads = 1;
    const std::string one = gbdt_to_json(train_gbdt(data.x, data.y, params)).dump();
    for (int threads : {2, 3}) {
      params.num_threads = threads;
      EXPECT_EQ(gbdt_to_json(train_gbdt(data.x, data.y, params)).dump(), one) << threads << " threads";
    }
  }
}

TEST(GbdtTraining, TheSeedDrivesSubsampling) {
  const auto data = synthetic(1000, 6, 2, 6);
  GbdtParams params = small_params();
  params.subsample = 0.5;
  const std::string first = gbdt_to_json(train_gbdt(data.x, data.y, params)).dump();
  EXPECT_EQ(gbdt_to_json(train_gbdt(data.x, data.y, params)).dump(), first);
  params.seed = 43;
  EXPECT_NE(gbdt_to_json(train_gbdt(data.x, data.y, params)).dump(), first);
}

TEST(GbdtTraining, SubsampleShrinksEachTreesCover) {
  const auto data = synthetic(4000, 4, 2, 7);
  GbdtParams params = small_params();
  params.num_rounds = 1;
  const double full = train_gbdt(data.x, data.y, params).trees()[0].nodes[0].cover;
  params.subsample = 0.5;
  const double half = train_gbdt(data.x, data.y, params).trees()[0].nodes[0].cover;
  EXPECT_NEAR(half / full, 0.5, 0.05);
}

TEST(GbdtTraining, ColumnSubsamplingLimitsTheFeaturesOfEachTree) {
  const auto data = synthetic(1000, 4, 2, 8);
  GbdtParams params = small_params();
  params.colsample_bytree = 0.25;  // one feature of four per tree
  std::set<int> used_overall;
  const GbdtModel model = train_gbdt(data.x, data.y, params);
  for (const GbdtTree& tree : model.trees()) {
    std::set<int> used;
    for (const GbdtNode& node : tree.nodes) {
      if (!node.is_leaf()) used.insert(node.feature);
    }
    EXPECT_LE(used.size(), 1u);
    used_overall.insert(used.begin(), used.end());
  }
  EXPECT_GT(used_overall.size(), 1u);
}

// The covers the grower records come from histograms built for the smaller child and
// subtracted for the larger; they must equal the hessian sums of the rows that reach each node.
TEST(GbdtTraining, NodeCoversAreTheHessianSumsOfTheirRows) {
  const auto data = synthetic(2000, 5, 2, 9);
  GbdtParams params = small_params();
  params.num_rounds = 1;
  params.max_depth = 5;
  params.num_threads = 2;
  const GbdtModel model = train_gbdt(data.x, data.y, params);
  const GbdtTree& tree = model.trees()[0];
  // In the first round every row sits at the base margin, so all rows weigh the same hessian.
  const double hessian = tree.nodes[0].cover / static_cast<double>(data.x.rows());
  std::vector<double> rows_reaching(tree.nodes.size(), 0.0);
  for (Eigen::Index r = 0; r < data.x.rows(); ++r) {
    std::size_t node = 0;
    rows_reaching[0] += 1;
    while (!tree.nodes[node].is_leaf()) {
      node = GbdtTree::child_for(tree.nodes[node], data.x(r, tree.nodes[node].feature));
      rows_reaching[node] += 1;
    }
  }
  ASSERT_GT(tree.nodes.size(), 15u);
  for (std::size_t i = 0; i < tree.nodes.size(); ++i) {
    EXPECT_NEAR(tree.nodes[i].cover, rows_reaching[i] * hessian, 1e-9) << i;
  }
}

TEST(GbdtTraining, EarlyStoppingKeepsTheBestRound) {
  // Noisy labels, deep trees and a large step overfit within a few rounds.
  const auto train = synthetic(400, 6, 2, 21);
  auto validation = synthetic(400, 6, 2, 22);
  GbdtParams params = small_params();
  params.num_rounds = 200;
  params.max_depth = 6;
  params.learning_rate = 0.8;
  params.min_child_weight = 0;
  params.early_stopping_rounds = 5;
  const GbdtValidation held_out{validation.x, validation.y};
  const GbdtModel model = train_gbdt(train.x, train.y, params, {}, &held_out);

  const auto losses = model.metadata().at("validation_loss").get<std::vector<double>>();
  const auto best = model.metadata().at("best_round").get<std::size_t>();
  ASSERT_LT(losses.size(), 200u) << "it should have stopped early";
  EXPECT_EQ(losses.size(), best + 1 + 5);  // five rounds without improvement, then stop
  EXPECT_EQ(model.round_count(), best + 1);
  EXPECT_EQ(*std::min_element(losses.begin(), losses.end()), losses[best]);
  // The kept model's validation loss is the best one recorded, its training loss its own.
  EXPECT_NEAR(testing::log_loss(model.predict_proba(validation.x), validation.y), losses[best], 1e-12);
  EXPECT_NEAR(model.metadata().at("train_loss").get<double>(), testing::log_loss(model.predict_proba(train.x), train.y),
              1e-12);
}

TEST(GbdtTraining, WithoutEarlyStoppingAllRoundsAreKept) {
  const auto train = synthetic(300, 4, 2, 23);
  const auto validation = synthetic(300, 4, 2, 24);
  GbdtParams params = small_params();
  params.learning_rate = 0.8;
  const GbdtValidation held_out{validation.x, validation.y};
  const GbdtModel model = train_gbdt(train.x, train.y, params, {}, &held_out);
  EXPECT_EQ(model.round_count(), 20u);
  EXPECT_EQ(model.metadata().at("validation_loss").size(), 20u);
  EXPECT_NEAR(model.metadata().at("train_loss").get<double>(), testing::log_loss(model.predict_proba(train.x), train.y),
              1e-12);
}

TEST(GbdtTraining, MulticlassProbabilitiesSumToOneAndBeatThePrior) {
  const auto train = synthetic(2000, 5, 4, 31);
  const auto test = synthetic(1000, 5, 4, 32);
  const GbdtModel model = train_gbdt(train.x, train.y, small_params(4));
  EXPECT_EQ(model.output_count(), 4u);
  EXPECT_EQ(model.trees().size(), 4u * 20u);
  const Eigen::MatrixXd p = model.predict_proba(test.x);
  ASSERT_EQ(p.cols(), 4);
  for (Eigen::Index r = 0; r < p.rows(); ++r) {
    EXPECT_NEAR(p.row(r).sum(), 1.0, 1e-12);
    EXPECT_GE(p.row(r).minCoeff(), 0.0);
  }
  Eigen::Index correct = 0;
  for (Eigen::Index r = 0; r < p.rows(); ++r) {
    Eigen::Index predicted = 0;
    p.row(r).maxCoeff(&predicted);
    correct += predicted == test.y[r];
  }
  const double majority = (test.y.array() == 0).cast<double>().mean();
  EXPECT_GT(static_cast<double>(correct) / static_cast<double>(p.rows()), majority + 0.2);
}

TEST(GbdtTraining, BinaryProbabilitiesComeInTwoColumns) {
  const auto data = synthetic(500, 3, 2, 33);
  const Eigen::MatrixXd p = train_gbdt(data.x, data.y, small_params()).predict_proba(data.x);
  ASSERT_EQ(p.cols(), 2);
  EXPECT_TRUE(((p.col(0) + p.col(1)).array() - 1).abs().maxCoeff() < 1e-12);
}

TEST(GbdtTraining, GainImportanceFavoursTheInformativeFeatures) {
  // Only features 0..2 carry signal (see synthetic()); 3..5 are noise.
  const auto data = synthetic(3000, 6, 2, 41);
  const GbdtModel model = train_gbdt(data.x, data.y, small_params());
  const Eigen::VectorXd importance = model.gain_importance();
  EXPECT_GT(importance[0], importance.tail(3).maxCoeff() * 5);
  double total_gain = 0;
  for (const GbdtTree& tree : model.trees()) {
    for (const GbdtNode& node : tree.nodes) total_gain += node.gain;
  }
  EXPECT_NEAR(importance.sum(), total_gain, 1e-9 * total_gain);
}

void expect_input_error(const std::function<void()>& action, const std::string& needle) {
  try {
    action();
    ADD_FAILURE() << "no InputError (expected one mentioning '" << needle << "')";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find(needle), std::string::npos) << error.what();
  }
}

TEST(GbdtTraining, RefusesBadInputNamingWhatAndWhere) {
  auto data = synthetic(50, 3, 2, 51);
  const GbdtParams params = small_params();
  Eigen::MatrixXd infinite = data.x;
  infinite(7, 2) = std::numeric_limits<double>::infinity();
  expect_input_error([&] { train_gbdt(infinite, data.y, params); }, "row 7, column 2");
  Eigen::VectorXi bad_label = data.y;
  bad_label[4] = 2;
  expect_input_error([&] { train_gbdt(data.x, bad_label, params); }, "row 4");
  expect_input_error([&] { train_gbdt(data.x, data.y.head(49), params); }, "49 labels");
  expect_input_error([&] { train_gbdt(Eigen::MatrixXd(0, 3), Eigen::VectorXi(0), params); }, "empty");
  expect_input_error([&] { train_gbdt(data.x, data.y, params, {{"a", "b"}, {}}); }, "2 feature names");
  expect_input_error([&] { train_gbdt(data.x, data.y, params, {{"a", "b", "a"}, {}}); }, "'a' repeats");
  expect_input_error([&] { train_gbdt(data.x, data.y, params, {{}, {"no", "yes", "maybe"}}); }, "3 class names");
  const Eigen::MatrixXd narrow = data.x.leftCols(2);
  const GbdtValidation held_out{narrow, data.y};
  expect_input_error([&] { train_gbdt(data.x, data.y, params, {}, &held_out); }, "2 columns");
}

TEST(GbdtTraining, RefusesBadSettingsAsInvalidArguments) {
  const auto data = synthetic(50, 3, 2, 52);
  const std::vector<std::function<void(GbdtParams&)>> breakers = {
      [](GbdtParams& p) { p.max_bin = 257; },
      [](GbdtParams& p) { p.max_bin = 1; },
      [](GbdtParams& p) { p.learning_rate = 0; },
      [](GbdtParams& p) { p.max_depth = 0; },
      [](GbdtParams& p) { p.subsample = 0; },
      [](GbdtParams& p) { p.colsample_bytree = 1.5; },
      [](GbdtParams& p) { p.lambda = -1; },
      [](GbdtParams& p) { p.num_rounds = 0; },
      [](GbdtParams& p) { p.min_child_weight = std::nan(""); }};
  for (const auto& breaker : breakers) {
    GbdtParams params = small_params();
    breaker(params);
    EXPECT_THROW(train_gbdt(data.x, data.y, params), InvalidArgument);
  }
}

// Sample weights scale each row's gradient and hessian. One stump, step 1, no penalty: a leaf's
// value is −Σ w·g / Σ w·h. With a base margin of 0 (half the rows are 1) every row has g = p − y
// = ∓0.5 and h = 0.25. Leaf x = 0 holds (y 1, w 3) and (y 0, w 1): −(−1.5 + 0.5) / (0.25 · 4) = 1;
// leaf x = 1 the mirror image, −1. Unweighted both leaves would be 0.
TEST(GbdtTraining, SampleWeightsScaleEachRowsGradientAndHessian) {
  Eigen::MatrixXd x(4, 1);
  x << 0, 0, 1, 1;
  Eigen::VectorXi y(4);
  y << 1, 0, 1, 0;
  Eigen::VectorXd weights(4);
  weights << 3, 1, 1, 3;
  GbdtParams params;
  params.num_rounds = 1;
  params.max_depth = 1;
  params.learning_rate = 1;
  params.lambda = 0;
  params.min_child_weight = 0;
  const GbdtModel weighted = train_gbdt(x, y, params, {}, nullptr, &weights);
  ASSERT_DOUBLE_EQ(weighted.base_margin().at(0), 0);
  const Eigen::MatrixXd margins = weighted.predict_margin(x, 1);
  EXPECT_NEAR(margins(0, 0), 1, 1e-6);
  EXPECT_NEAR(margins(2, 0), -1, 1e-6);
  const GbdtModel unweighted = train_gbdt(x, y, params);
  EXPECT_NEAR(unweighted.predict_margin(x, 1).cwiseAbs().maxCoeff(), 0, 1e-9);
  // Weights of 1 change nothing.
  const Eigen::VectorXd ones = Eigen::VectorXd::Ones(4);
  EXPECT_EQ(gbdt_to_json(train_gbdt(x, y, params, {}, nullptr, &ones)).dump(), gbdt_to_json(unweighted).dump());
  // Weights must be one per row, finite and not negative.
  const Eigen::VectorXd three = Eigen::VectorXd::Ones(3);
  Eigen::VectorXd negative = weights;
  negative[1] = -1;
  EXPECT_THROW(train_gbdt(x, y, params, {}, nullptr, &three), InvalidArgument);
  EXPECT_THROW(train_gbdt(x, y, params, {}, nullptr, &negative), InvalidArgument);
}

TEST(GbdtTraining, PredictionRefusesTheWrongNumberOfColumns) {
  const auto data = synthetic(100, 3, 2, 53);
  const GbdtModel model = train_gbdt(data.x, data.y, small_params());
  expect_input_error([&] { model.predict_proba(data.x.leftCols(2)); }, "expects 3 feature columns");
}

}  // namespace
}  // namespace sonic::ml
