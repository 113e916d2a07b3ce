#include "sonic/ml/mlp/trainer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "ml/mlp/test_data.hpp"
#include "sonic/core/error.hpp"
#include "sonic/ml/common/invalid_argument.hpp"

namespace sonic::ml {
namespace {

using testing::LabeledData;
using testing::names;

double accuracy(const MlpModel& model, const LabeledData& data) {
  return (model.predict(data.features).array() == data.labels.array()).cast<double>().mean();
}

MlpNames class_names(Eigen::Index features, Eigen::Index classes) {
  return MlpNames{names("f", features), names("class", classes)};
}

TEST(MlpTrainer, LearnsXor) {
  // XOR is not linearly separable: a hidden layer is needed to get all four points right.
  LabeledData data{Eigen::MatrixXf(100, 2), Eigen::VectorXi(100)};
  for (int i = 0; i < 100; ++i) {
    const int a = i % 2;
    const int b = (i / 2) % 2;
    data.features.row(i) << static_cast<float>(a), static_cast<float>(b);
    data.labels(i) = a ^ b;
  }
  MlpOptions options;
  options.hidden_layers = {8};
  options.epochs = 150;
  options.batch_size = 20;
  options.adam.learning_rate = 0.05;
  const auto result = train_mlp_classifier({data.features, data.labels}, class_names(2, 2), options);
  const Eigen::MatrixXf probabilities = result.model.predict_proba(data.features.topRows(4));
  for (Eigen::Index i = 0; i < 4; ++i) {
    EXPECT_GT(probabilities(i, data.labels(i)), 0.9f) << "point " << data.features.row(i);
  }
}

TEST(MlpTrainer, SeparatesALinearlySeparableProblem) {
  const auto training = testing::separable(600, 1);
  const auto test = testing::separable(400, 2);
  MlpOptions options;
  options.hidden_layers = {16};
  options.epochs = 40;
  const auto result = train_mlp_classifier({training.features, training.labels}, class_names(5, 2), options);
  EXPECT_GE(accuracy(result.model, training), 0.995);
  EXPECT_GE(accuracy(result.model, test), 0.99);
  ASSERT_EQ(result.history.size(), 40u);
  EXPECT_LT(result.history.back().train_loss, 0.1 * result.history.front().train_loss);
}

TEST(MlpTrainer, RegressesAKnownLinearFunctionWithTwoOutputs) {
  SeededRandom random(5);
  const auto make = [&](Eigen::Index rows) {
    Eigen::MatrixXf x = testing::normal_features(rows, 4, random);
    x.col(3) = x.col(3) * 10.0f + Eigen::VectorXf::Constant(rows, 50.0f);  // a feature far off scale
    Eigen::MatrixXf y(rows, 2);
    y.col(0) = 3 * x.col(0) - 2 * x.col(1) + Eigen::VectorXf::Constant(rows, 0.5f);
    y.col(1) = x.col(2) - 0.1f * x.col(3);
    return std::pair{x, y};
  };
  const auto [x, y] = make(2000);
  const auto [test_x, test_y] = make(500);
  MlpOptions options;
  options.hidden_layers = {32};
  options.epochs = 60;
  options.adam.learning_rate = 3e-3;
  const auto result = train_mlp_regressor({x, y}, MlpNames{names("x", 4), {"a", "b"}}, options);
  const Eigen::MatrixXf predicted = result.model.predict_values(test_x);
  const Eigen::RowVectorXf mse = (predicted - test_y).array().square().colwise().mean();
  // The targets' variances are 13 and 2: a model that missed the function would be far off.
  EXPECT_LT(mse(0), 0.02);
  EXPECT_LT(mse(1), 0.01);
}

TEST(MlpTrainer, SameSeedGivesIdenticalWeightsWhateverTheThreadCount) {
  // Batches of 300 cut into blocks of 128, 128 and 44, with dropout, weight decay and a
  // validation split: everything that could make threads matter.
  const auto data = testing::separable(1000, 3);
  MlpOptions options;
  options.hidden_layers = {16, 8};
  options.epochs = 4;
  options.batch_size = 300;
  options.dropout = 0.2;
  options.l2 = 1e-3;
  options.validation_fraction = 0.2;
  options.threads = 1;
  const auto one = train_mlp_classifier({data.features, data.labels}, class_names(5, 2), options);
  const auto again = train_mlp_classifier({data.features, data.labels}, class_names(5, 2), options);
  EXPECT_EQ(one.model.parameters().values(), again.model.parameters().values());
  for (const int threads : {2, 3}) {
    options.threads = threads;
    const auto parallel = train_mlp_classifier({data.features, data.labels}, class_names(5, 2), options);
    EXPECT_EQ(one.model.parameters().values(), parallel.model.parameters().values()) << threads << " threads";
    EXPECT_EQ(one.history.back().validation_loss, parallel.history.back().validation_loss);
  }
  options.seed = 43;
  const auto other = train_mlp_classifier({data.features, data.labels}, class_names(5, 2), options);
  EXPECT_NE(one.model.parameters().values(), other.model.parameters().values());
}

TEST(MlpTrainer, DropoutIsInactiveWhenPredicting) {
  const auto data = testing::separable(300, 4);
  MlpOptions options;
  options.hidden_layers = {12, 6};
  options.epochs = 5;
  options.dropout = 0.5;
  const auto model = train_mlp_classifier({data.features, data.labels}, class_names(5, 2), options).model;

  // The plain network by hand, in double: no unit dropped, no rescaling.
  const auto& standardizer = model.standardizer();
  Eigen::MatrixXd activations = ((data.features.rowwise() - standardizer.mean().transpose()).array().rowwise() /
                                 standardizer.scale().transpose().array())
                                    .matrix()
                                    .transpose()
                                    .cast<double>();
  const auto& architecture = model.architecture();
  for (int layer = 0; layer < architecture.layer_count(); ++layer) {
    Eigen::MatrixXd z = model.parameters().weights(layer).cast<double>() * activations;
    z.colwise() += model.parameters().bias(layer).cast<double>();
    activations = architecture.is_hidden(layer) ? Eigen::MatrixXd(z.cwiseMax(0.0)) : z;
  }
  Eigen::MatrixXd expected = (activations.rowwise() - activations.colwise().maxCoeff()).array().exp().matrix();
  expected.array().rowwise() /= expected.colwise().sum().array();

  const Eigen::MatrixXf first = model.predict_proba(data.features);
  EXPECT_EQ(first, model.predict_proba(data.features));
  EXPECT_LT((first.cast<double>() - expected.transpose()).cwiseAbs().maxCoeff(), 1e-5);
}

TEST(MlpTrainer, EarlyStoppingRestoresTheBestEpoch) {
  // Labels that are pure noise: the network memorises the training rows and the validation
  // loss, after a short dip at best, climbs.
  const auto training = testing::noise(60, 2, 6);
  const auto validation = testing::noise(200, 2, 7);
  MlpOptions options;
  options.hidden_layers = {64, 64};
  options.epochs = 300;
  options.batch_size = 16;
  options.adam.learning_rate = 0.01;
  options.patience = 5;
  const auto result = train_mlp_classifier({training.features, training.labels},
                                           {validation.features, validation.labels}, class_names(6, 2), options);
  ASSERT_LT(result.history.size(), 300u);
  const auto best = std::min_element(result.history.begin(), result.history.end(), [](const auto& a, const auto& b) {
    return *a.validation_loss < *b.validation_loss;
  });
  EXPECT_EQ(result.best_epoch, best->epoch);
  EXPECT_EQ(result.history.size(), static_cast<std::size_t>(result.best_epoch + options.patience));
  EXPECT_GT(*result.history.back().validation_loss, *best->validation_loss + 0.01);

  // The model holds the best epoch's weights: its validation loss is that epoch's.
  const Eigen::MatrixXf probabilities = result.model.predict_proba(validation.features);
  double loss = 0;
  for (Eigen::Index row = 0; row < validation.labels.size(); ++row) {
    loss -= std::log(static_cast<double>(probabilities(row, validation.labels(row))));
  }
  loss /= static_cast<double>(validation.labels.size());
  EXPECT_NEAR(loss, *best->validation_loss, 1e-5);
  EXPECT_EQ(result.model.training_info()["best_epoch"], result.best_epoch);
  EXPECT_EQ(result.model.training_info()["epochs_run"], result.history.size());
}

TEST(MlpTrainer, HoldsOutAStratifiedValidationSplitAndReportsIt) {
  const auto data = testing::separable(500, 8);
  MlpOptions options;
  options.hidden_layers = {8};
  options.epochs = 20;
  options.adam.learning_rate = 0.01;
  options.validation_fraction = 0.2;
  const auto result = train_mlp_classifier({data.features, data.labels}, class_names(5, 2), options);
  const auto& info = result.model.training_info();
  EXPECT_EQ(info["validation_rows"], 100);
  EXPECT_EQ(info["training_rows"], 400);
  EXPECT_EQ(info["seed"], 42);
  ASSERT_TRUE(result.history.back().validation_accuracy.has_value());
  EXPECT_GT(*result.history.back().validation_accuracy, 0.95);
  EXPECT_EQ(info["metrics"]["validation_loss"],
            *result.history[static_cast<std::size_t>(result.best_epoch) - 1].validation_loss);
}

TEST(MlpTrainer, RejectsBadDataNamingWhereItIs) {
  auto data = testing::separable(20, 9);
  const auto expect_input_error = [&](const std::string& fragment) {
    try {
      train_mlp_classifier({data.features, data.labels}, class_names(5, 2), MlpOptions{});
      FAIL() << "expected an InputError mentioning " << fragment;
    } catch (const InputError& error) {
      EXPECT_NE(std::string(error.what()).find(fragment), std::string::npos) << error.what();
    }
  };
  data.features(3, 1) = std::nanf("");
  expect_input_error("row 3, feature 'f1' is NaN");
  data.features(3, 1) = 0;
  data.labels(2) = 5;
  expect_input_error("row 2 has label 5");
  data.labels(2) = 0;
  data.labels.conservativeResize(19);
  expect_input_error("20 rows of features but 19");
  EXPECT_THROW(train_mlp_classifier({data.features.topRows(19), data.labels}, class_names(4, 2), MlpOptions{}),
               InputError);  // 5 columns for 4 names
}

TEST(MlpTrainer, RejectsUnusableOptions) {
  const auto data = testing::separable(20, 10);
  const auto train_with = [&](auto change) {
    MlpOptions options;
    change(options);
    train_mlp_classifier({data.features, data.labels}, class_names(5, 2), options);
  };
  EXPECT_THROW(train_with([](MlpOptions& o) { o.dropout = 1.0; }), InvalidArgument);
  EXPECT_THROW(train_with([](MlpOptions& o) { o.epochs = 0; }), InvalidArgument);
  EXPECT_THROW(train_with([](MlpOptions& o) { o.hidden_layers = {8, 0}; }), InvalidArgument);
  EXPECT_THROW(train_with([](MlpOptions& o) { o.adam.learning_rate = 0; }), InvalidArgument);
  EXPECT_THROW(train_with([](MlpOptions& o) { o.validation_fraction = 1.0; }), InvalidArgument);
}

}  // namespace
}  // namespace sonic::ml
