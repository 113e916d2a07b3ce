#include "sonic/ml/mlp/model_json.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <functional>
#include <limits>

#include "ml/mlp/test_data.hpp"
#include "sonic/core/error.hpp"
#include "sonic/ml/mlp/trainer.hpp"

namespace sonic::ml {
namespace {

const std::vector<std::string> kFeatures{"energy", "valence", "tempo"};

MlpModel small_model(MlpOutput output = MlpOutput::softmax) {
  const MlpArchitecture architecture({3, 4, 2}, output);
  auto parameters = initialized_parameters(architecture, MlpInitialization::torch_default, 1);
  parameters.bias(0) << 0.1f, -0.2f, 0.3f, 1.0f / 3.0f;
  Eigen::VectorXf mean(3), scale(3);
  mean << 0.5f, 0.25f, 120.0f;
  scale << 0.2f, 0.1f, 30.0f;
  return MlpModel(std::move(parameters), FeatureStandardizer(mean, scale), kFeatures, {"calm", "energetic"},
                  {{"seed", 1}, {"note", "made by hand"}});
}

std::string expect_load_error(const nlohmann::json& document, const std::string& fragment,
                              const std::vector<std::string>& expected = kFeatures) {
  try {
    mlp_model_from_json(document, expected);
    ADD_FAILURE() << "expected an InputError mentioning " << fragment;
    return {};
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find(fragment), std::string::npos) << error.what();
    return error.what();
  }
}

// The saved model with one change made to it.
nlohmann::json damaged(const std::function<void(nlohmann::json&)>& change) {
  auto document = mlp_model_to_json(small_model());
  change(document);
  return document;
}

TEST(MlpModelJson, RoundTripThroughTextGivesTheSameModelBitForBit) {
  const auto data = testing::separable(200, 1);
  MlpOptions options;
  options.hidden_layers = {8, 4};
  options.epochs = 3;
  const auto names = testing::names("f", 5);
  const auto trained = train_mlp_classifier({data.features, data.labels}, {names, {"no", "yes"}}, options).model;

  const auto text = mlp_model_to_json(trained).dump();
  const auto loaded = parse_mlp_model(text, names);
  EXPECT_EQ(loaded.parameters().values(), trained.parameters().values());
  EXPECT_EQ(loaded.standardizer().mean(), trained.standardizer().mean());
  EXPECT_EQ(loaded.standardizer().scale(), trained.standardizer().scale());
  EXPECT_EQ(loaded.architecture(), trained.architecture());
  EXPECT_EQ(loaded.output_names(), trained.output_names());
  EXPECT_EQ(loaded.training_info(), trained.training_info());
  EXPECT_EQ(loaded.predict_proba(data.features), trained.predict_proba(data.features));
  EXPECT_EQ(mlp_model_to_json(loaded).dump(), text);
}

TEST(MlpModelJson, AwkwardFloatsSurviveExactly) {
  auto model = small_model(MlpOutput::linear);
  auto parameters = model.parameters();
  const float awkward[] = {0.1f,
                           1.0f / 3.0f,
                           std::numeric_limits<float>::max(),
                           std::numeric_limits<float>::min(),
                           std::numeric_limits<float>::denorm_min(),
                           -0.0f,
                           16777217.0f,
                           -2.5e-38f,
                           3.4028e38f};
  for (std::size_t i = 0; i < std::size(awkward); ++i) parameters.values()(static_cast<Eigen::Index>(i)) = awkward[i];
  SeededRandom random(2);
  for (Eigen::Index i = std::ssize(awkward); i < parameters.values().size(); ++i) {
    std::uint32_t bits = static_cast<std::uint32_t>(random.next_u64());
    bits &= 0xBFFFFFFFu;  // exponent below 0xFF: finite
    parameters.values()(i) = std::bit_cast<float>(bits);
  }
  const MlpModel awkward_model(parameters, model.standardizer(), model.feature_names(), {"x", "y"});
  const auto loaded = parse_mlp_model(mlp_model_to_json(awkward_model).dump(), kFeatures);
  for (Eigen::Index i = 0; i < parameters.values().size(); ++i) {
    EXPECT_EQ(std::bit_cast<std::uint32_t>(loaded.parameters().values()(i)),
              std::bit_cast<std::uint32_t>(parameters.values()(i)))
        << "parameter " << i << " = " << parameters.values()(i);
  }
}

TEST(MlpModelJson, WritesTheDocumentedLayout) {
  const auto document = mlp_model_to_json(small_model());
  EXPECT_EQ(document["format"], "sonic-mlp");
  EXPECT_EQ(document["version"], 1);
  EXPECT_EQ(document["output"], "softmax");
  EXPECT_EQ(document["layer_sizes"], nlohmann::json({3, 4, 2}));
  EXPECT_EQ(document["activations"], nlohmann::json({"relu", "softmax"}));
  EXPECT_EQ(document["layers"][0]["weights"].size(), 4u);
  EXPECT_EQ(document["layers"][0]["weights"][0].size(), 3u);
  EXPECT_EQ(document["layers"][0]["bias"][0].dump(), "0.1");  // shortest form, not 0.10000000149011612
  EXPECT_EQ(document["standardization"]["scale"][2], 30.0);
  EXPECT_EQ(document["training"]["note"], "made by hand");
}

TEST(MlpModelJson, RejectsTruncatedAndGarbledText) {
  const auto text = mlp_model_to_json(small_model()).dump();
  EXPECT_THROW(parse_mlp_model(text.substr(0, text.size() / 2), kFeatures), InputError);
  EXPECT_THROW(parse_mlp_model("{\"format\": sonic-mlp}", kFeatures), InputError);
  EXPECT_THROW(parse_mlp_model("", kFeatures), InputError);
  EXPECT_THROW(parse_mlp_model("[1, 2, 3]", kFeatures), InputError);
}

TEST(MlpModelJson, RejectsAnotherFormatOrANewerVersion) {
  expect_load_error(damaged([](auto& d) { d["format"] = "sonic-kmeans"; }), "not a sonic-mlp model");
  expect_load_error(damaged([](auto& d) { d.erase("format"); }), "format is missing");
  expect_load_error(damaged([](auto& d) { d["version"] = 2; }), "made by a newer sonic");
  expect_load_error(damaged([](auto& d) { d["version"] = "1"; }), "version must be an integer");
  expect_load_error(damaged([](auto& d) { d["version"] = 0; }), "not a version any sonic wrote");
}

TEST(MlpModelJson, RejectsShapesThatDisagree) {
  expect_load_error(damaged([](auto& d) { d["layer_sizes"] = {3, 5, 2}; }), "layers[0].weights has 4 rows, expected 5");
  expect_load_error(damaged([](auto& d) { d["layers"][1]["weights"][1].erase(3); }),
                    "layers[1].weights[1] has 3 numbers, expected 4");
  expect_load_error(damaged([](auto& d) { d["layers"][0]["bias"].push_back(1.0); }),
                    "layers[0].bias has 5 numbers, expected 4");
  expect_load_error(damaged([](auto& d) { d["layers"].erase(1); }), "layers has 1 entries, expected 2");
  expect_load_error(damaged([](auto& d) { d["standardization"]["mean"].erase(0); }), "standardization.mean has 2");
  expect_load_error(damaged([](auto& d) { d["output_names"].push_back("extra"); }), "output_names has 3 entries");
  expect_load_error(damaged([](auto& d) { d["layer_sizes"] = {3}; }), "layer_sizes needs at least");
  expect_load_error(damaged([](auto& d) { d["layer_sizes"][1] = -4; }), "layer_sizes[1] must be a positive integer");
  expect_load_error(damaged([](auto& d) { d["activations"] = {"relu"}; }), "activations has 1 entries, expected 2");
}

TEST(MlpModelJson, RejectsValuesThatAreNotWhatTheyClaim) {
  expect_load_error(damaged([](auto& d) { d["layers"][0]["weights"][2][1] = "0.5"; }),
                    "layers[0].weights[2][1] must be a number");
  expect_load_error(damaged([](auto& d) { d["layers"][0]["bias"][0] = 1e300; }), "outside the range of a float");
  expect_load_error(damaged([](auto& d) { d["standardization"]["scale"][1] = 0.0; }),
                    "standardization.scale[1] must be positive");
  expect_load_error(damaged([](auto& d) { d["activations"][0] = "tanh"; }), "activations[0] is 'tanh'");
  expect_load_error(damaged([](auto& d) { d["output"] = "sigmoid"; }), "output is 'sigmoid'");
  expect_load_error(damaged([](auto& d) { d["output"] = "linear"; }), "activations[1] is 'softmax'");
  expect_load_error(damaged([](auto& d) { d["training"] = 3; }), "training must be an object");
  expect_load_error(damaged([](auto& d) { d.erase("layers"); }), "layers is missing");
  expect_load_error(damaged([](auto& d) { d["standardization"].erase("scale"); }), "standardization.scale is missing");
}

TEST(MlpModelJson, RejectsOtherFeatureNamesNamingThem) {
  const auto document = mlp_model_to_json(small_model());
  const auto message =
      expect_load_error(document, "the model lacks 'danceability'", {"energy", "danceability", "tempo"});
  EXPECT_NE(message.find("the model has unexpected 'valence'"), std::string::npos) << message;
  expect_load_error(document, "feature 1 is 'valence' in the model, 'tempo' expected", {"energy", "tempo", "valence"});
  expect_load_error(document, "the model has unexpected 'tempo'", {"energy", "valence"});
  EXPECT_NO_THROW(mlp_model_from_json(document, kFeatures));
}

TEST(MlpModelJson, ModelRefusesTheWrongKindOfPrediction) {
  const auto classifier = small_model();
  Eigen::MatrixXf features = Eigen::MatrixXf::Zero(2, 3);
  EXPECT_THROW(classifier.predict_values(features), InputError);
  EXPECT_THROW(small_model(MlpOutput::linear).predict(features), InputError);
  features(1, 2) = std::numeric_limits<float>::infinity();
  try {
    classifier.predict_proba(features);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("row 1, feature 'tempo' is infinite"), std::string::npos) << error.what();
  }
  EXPECT_THROW(classifier.predict(Eigen::MatrixXf::Zero(2, 4)), InputError);
}

}  // namespace
}  // namespace sonic::ml
