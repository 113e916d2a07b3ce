#include "sonic/ml/mlp/ensemble.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "ml/mlp/test_data.hpp"
#include "sonic/ml/mlp/model_json.hpp"

namespace sonic::ml {
namespace {

// A net with no hidden layer over one input x: class logits (0, w·x), so P(b) = 1 / (1 + e^(−w·x)).
MlpModel logistic(double w, const std::string& classes = R"("a","b")") {
  const std::vector<std::string> features = {"x"};
  return parse_mlp_model(R"({"format":"sonic-mlp","version":1,"output":"softmax","layer_sizes":[1,2],)"
                         R"("activations":["softmax"],"feature_names":["x"],"output_names":[)" +
                             classes +
                             R"(],"standardization":{"mean":[0],"scale":[1]},)"
                             R"("layers":[{"weights":[[0],[)" +
                             std::to_string(w) + R"(]],"bias":[0,0]}],"training":{}})",
                         features);
}

TEST(MlpEnsemble, ProbabilitiesAreTheMeanOfTheMembers) {
  // At x = 1: w = ln 3 gives P = (1/4, 3/4), w = 0 gives (1/2, 1/2); the mean is (3/8, 5/8).
  // At x = −1 the first gives (3/4, 1/4), so the mean is (5/8, 3/8).
  const MlpEnsemble ensemble({logistic(std::log(3.0)), logistic(0.0)});
  Eigen::MatrixXf x(2, 1);
  x << 1.0f, -1.0f;
  const Eigen::MatrixXf p = ensemble.predict_proba(x);
  EXPECT_NEAR(p(0, 0), 0.375, 1e-6);
  EXPECT_NEAR(p(0, 1), 0.625, 1e-6);
  EXPECT_NEAR(p(1, 0), 0.625, 1e-6);
  EXPECT_NEAR(p(1, 1), 0.375, 1e-6);
  EXPECT_EQ(ensemble.predict(x), (Eigen::VectorXi(2) << 1, 0).finished());
  EXPECT_EQ(ensemble.size(), 2);
}

TEST(MlpEnsemble, RefusesMembersThatDoNotAgreeOnClasses) {
  EXPECT_THROW((void)MlpEnsemble(std::vector<MlpModel>{}), std::invalid_argument);
  EXPECT_THROW((void)MlpEnsemble({logistic(1.0), logistic(1.0, R"("b","a")")}), std::invalid_argument);
}

// Two classes over five features, and a small net trained for a few epochs.
const testing::LabeledData& two_classes() {
  static const auto separable = testing::separable(60, 5);
  return separable;
}
const MlpNames names{testing::names("f", 5), {"no", "yes"}};
MlpOptions small_net() {
  MlpOptions options;
  options.hidden_layers = {8};
  options.epochs = 4;
  options.seed = 7;
  options.threads = 1;
  return options;
}

TEST(MlpEnsemble, MemberMIsTheSingleNetOfSeedPlus1000M) {
  const auto& data = two_classes();
  auto options = small_net();
  const auto trained = train_mlp_classifier_ensemble({data.features, data.labels}, names, options, 2);
  ASSERT_EQ(trained.ensemble.size(), 2);
  ASSERT_EQ(trained.histories.size(), 2u);
  for (int member = 0; member < 2; ++member) {
    auto single = options;
    single.seed = 7 + 1000 * static_cast<std::uint64_t>(member);
    const auto net = train_mlp_classifier({data.features, data.labels}, names, single).model;
    EXPECT_EQ(trained.ensemble.members()[static_cast<std::size_t>(member)].predict_proba(data.features),
              net.predict_proba(data.features))
        << "member " << member;
  }
  // The two members differ, and the ensemble is their mean, bit for bit.
  const auto& members = trained.ensemble.members();
  const Eigen::MatrixXf first = members[0].predict_proba(data.features);
  const Eigen::MatrixXf second = members[1].predict_proba(data.features);
  EXPECT_NE(first, second);
  EXPECT_EQ(trained.ensemble.predict_proba(data.features), Eigen::MatrixXf((first + second) / 2.0f));
  // Deterministic for a seed, whatever the threads.
  options.threads = 2;
  EXPECT_EQ(train_mlp_classifier_ensemble({data.features, data.labels}, names, options, 2)
                .ensemble.predict_proba(data.features),
            trained.ensemble.predict_proba(data.features));
}

TEST(MlpEnsemble, OneMemberIsTheSingleNet) {
  const auto& data = two_classes();
  const auto options = small_net();
  const auto single = train_mlp_classifier({data.features, data.labels}, names, options).model;
  const auto one = train_mlp_classifier_ensemble({data.features, data.labels}, names, options, 1).ensemble;
  EXPECT_EQ(one.predict_proba(data.features), single.predict_proba(data.features));
  EXPECT_THROW(train_mlp_classifier_ensemble({data.features, data.labels}, names, options, 0), std::invalid_argument);
}

}  // namespace
}  // namespace sonic::ml
