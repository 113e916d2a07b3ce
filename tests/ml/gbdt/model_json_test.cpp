// The sonic-gbdt model format: exact round trips and a clear refusal of anything else.
#include "sonic/ml/gbdt/model_json.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "ml/gbdt/test_support.hpp"
#include "sonic/core/error.hpp"
#include "sonic/ml/gbdt/trainer.hpp"

namespace sonic::ml {
namespace {

using nlohmann::json;

const std::vector<std::string> kNames = {"hour", "weekday", "gap", "plays", "skips"};

struct Fixture {
  testing::Labelled data = testing::synthetic(600, 5, 3, 71, 0.2);
  GbdtModel model = train_gbdt(data.x, data.y, testing::small_params(3), {kNames, {"calm", "mid", "hype"}});
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

TEST(GbdtModelJson, RoundTripPredictsBitForBit) {
  const GbdtModel& model = fixture().model;
  const std::string text = gbdt_to_json(model).dump();
  const GbdtModel loaded = gbdt_from_json(json::parse(text), kNames);
  const Eigen::MatrixXd& x = fixture().data.x;
  EXPECT_TRUE(loaded.predict_margin(x) == model.predict_margin(x));  // exactly, not nearly
  EXPECT_TRUE(loaded.contributions(x, 2) == model.contributions(x, 2));
  EXPECT_EQ(gbdt_to_json(loaded).dump(), text);
  EXPECT_EQ(loaded.class_names(), (std::vector<std::string>{"calm", "mid", "hype"}));
  EXPECT_EQ(loaded.objective(), GbdtObjective::multiclass_softmax);
}

TEST(GbdtModelJson, CarriesFormatVersionAndMetadata) {
  GbdtModel model = fixture().model;
  model.metadata()["training_window"] = {"2024-01-01", "2024-06-30"};
  const json j = gbdt_to_json(model);
  EXPECT_EQ(j.at("format"), "sonic-gbdt");
  EXPECT_EQ(j.at("version"), 1);
  EXPECT_EQ(j.at("feature_names"), kNames);
  EXPECT_EQ(j.at("metadata").at("params").at("seed"), 42);
  EXPECT_EQ(gbdt_from_json(j, kNames).metadata().at("training_window").at(1), "2024-06-30");
}

TEST(GbdtModelJson, AnInfiniteThresholdTravelsAsNull) {
  // A "present | missing" split has threshold +infinity, which JSON cannot spell.
  Eigen::MatrixXd x = Eigen::MatrixXd::Constant(60, 1, 2.0);
  Eigen::VectorXi y = Eigen::VectorXi::Zero(60);
  for (Eigen::Index r = 0; r < 60; r += 2) x(r, 0) = std::numeric_limits<double>::quiet_NaN(), y[r] = 1;
  const GbdtModel model = train_gbdt(x, y, testing::small_params());
  const json j = gbdt_to_json(model);
  EXPECT_TRUE(j.at("trees").at(0).at("threshold").at(0).is_null());
  const GbdtModel loaded = gbdt_from_json(json::parse(j.dump()), std::vector<std::string>{"f0"});
  EXPECT_EQ(loaded.trees()[0].nodes[0].threshold, std::numeric_limits<double>::infinity());
  EXPECT_TRUE(loaded.predict_margin(x) == model.predict_margin(x));
}

// Loading `j` fails with an InputError whose message contains `needle`.
void expect_refused(const json& j, const std::string& needle, const std::vector<std::string>& names = kNames) {
  try {
    gbdt_from_json(j, names);
    ADD_FAILURE() << "loaded; expected an error mentioning '" << needle << "'";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find(needle), std::string::npos) << error.what();
  }
}

json saved() { return gbdt_to_json(fixture().model); }

TEST(GbdtModelJson, RefusesOtherFormatsAndNewerVersions) {
  json j = saved();
  j["format"] = "sonic-mlp";
  expect_refused(j, "not a sonic-gbdt model");
  expect_refused(json::array(), "not an object");
  j = saved();
  j["version"] = 2;
  expect_refused(j, "made by a newer sonic");
  j["version"] = 0;
  expect_refused(j, "version must be a positive integer");
  j["version"] = "1";
  expect_refused(j, "version must be a positive integer");
}

TEST(GbdtModelJson, RefusesOtherFeatureNamesNamingBoth) {
  std::vector<std::string> names = kNames;
  names[2] = "gap_minutes";
  expect_refused(saved(),
                 "trained on features [hour, weekday, gap, plays, skips] but the caller "
                 "has [hour, weekday, gap_minutes, plays, skips]",
                 names);
  expect_refused(saved(), "but the caller has [hour]", {"hour"});
}

TEST(GbdtModelJson, RefusesMissingFields) {
  for (const char* field :
       {"format", "version", "objective", "classes", "feature_names", "base_margin", "trees", "metadata"}) {
    json j = saved();
    j.erase(field);
    expect_refused(j, field);
  }
  for (const char* field : {"feature", "threshold", "left", "right", "default_left", "value", "cover", "gain"}) {
    json j = saved();
    j["trees"][5].erase(field);
    expect_refused(j, std::string("tree 5 has no '") + field + "'");
  }
}

TEST(GbdtModelJson, RefusesTruncatedAndMistypedContent) {
  json j = saved();
  j["trees"][3]["value"].erase(j["trees"][3]["value"].size() - 1);
  expect_refused(j, "tree 3: node fields have different lengths");
  j = saved();
  j["trees"].erase(j["trees"].size() - 1);  // a round cut short
  expect_refused(j, "not a whole number of rounds");
  j = saved();
  j["trees"][0]["value"][1] = "0.5";
  expect_refused(j, "tree 0: 'value'[1] is not a number");
  j = saved();
  j["trees"][0]["default_left"][0] = 1;
  expect_refused(j, "'default_left'[0] is not true/false");
  j = saved();
  j["objective"] = "regression";
  expect_refused(j, "unknown gbdt objective 'regression'");
  j = saved();
  j["classes"] = {"a", "b"};
  expect_refused(j, "base margin has 3 values, expected 2");
  j = saved();
  j["base_margin"][0] = nullptr;
  expect_refused(j, "'base_margin'[0] is not a number");
  j = saved();
  j["metadata"] = 3;
  expect_refused(j, "'metadata' is not an object");
}

TEST(GbdtModelJson, RefusesTreesThatAreNotTrees) {
  json j = saved();
  j["trees"][2]["left"][0] = 0;  // the root its own child: a cycle
  expect_refused(j, "tree 2 node 0: child 0 must come after its parent");
  j = saved();
  j["trees"][2]["right"][0] = 999;
  expect_refused(j, "child 999 must come after its parent and exist");
  j = saved();
  j["trees"][2]["feature"][0] = 5;
  expect_refused(j, "tree 2 node 0: feature 5 out of range (5 features)");
  j = saved();
  j["trees"][2]["right"][0] = j["trees"][2]["left"][0];  // two edges to one node
  expect_refused(j, "2 parents");
  j = saved();
  j["trees"][2]["cover"][1] = 0.0;
  expect_refused(j, "must have a positive cover");
  j = saved();
  j["trees"][4]["threshold"][0] = "big";
  expect_refused(j, "'threshold'[0] is neither a number nor null");
}

}  // namespace
}  // namespace sonic::ml
