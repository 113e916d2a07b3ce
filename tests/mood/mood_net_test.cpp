#include "sonic/mood/mood_net.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "sonic/core/error.hpp"
#include "sonic/core/random.hpp"
#include "sonic/ml/mlp/model_json.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"

namespace sonic::mood {
namespace {

using testing::TempDir;

// Calm tracks are quiet and acoustic, Party tracks loud and danceable: a separable set.
std::filesystem::path write_labelled_csv(const std::filesystem::path& path, int rows_per_class) {
  SeededRandom random(11);
  std::string text = "name,danceability,energy,valence,mood\n";
  for (int i = 0; i < rows_per_class; ++i) {
    text += "calm " + std::to_string(i) + "," + std::to_string(random.uniform(0.1, 0.4)) + "," +
            std::to_string(random.uniform(0.0, 0.35)) + "," + std::to_string(random.uniform(0, 1)) + ",Calm\n";
    text += "party " + std::to_string(i) + "," + std::to_string(random.uniform(0.6, 0.95)) + "," +
            std::to_string(random.uniform(0.65, 1.0)) + "," + std::to_string(random.uniform(0, 1)) + ",Party\n";
  }
  return testing::write_file(path, text);
}

LabelledColumns three_features() {
  LabelledColumns columns;
  columns.features = {"danceability", "energy", "valence"};
  return columns;
}

std::string input_error(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return error.what();
  }
  return "(no error)";
}

TEST(LabelledTracks, ReadsLabelsAndFeatures) {
  TempDir dir;
  const auto set = read_labelled_tracks(write_labelled_csv(dir / "moods.csv", 5), three_features());
  EXPECT_EQ(set.classes, (std::vector<std::string>{"Calm", "Party"}));
  EXPECT_EQ(set.features.rows(), 10);
  EXPECT_EQ(set.features.cols(), 3);
  EXPECT_EQ(set.labels(0), 0);
  EXPECT_EQ(set.labels(1), 1);
}

TEST(LabelledTracks, ExplainsWhatIsWrongAndWhere) {
  TempDir dir;
  const auto csv = [&](const std::string& text) { return testing::write_file(dir / "bad.csv", text); };
  EXPECT_NE(input_error([&] {
              read_labelled_tracks(csv("danceability,mood\n0.1,Calm\n"), three_features());
            }).find("no column 'energy' (the file has: danceability, mood)"),
            std::string::npos);
  EXPECT_NE(input_error([&] {
              read_labelled_tracks(csv("danceability,energy,valence,mood\n0.1,0.2,0.3,Calm\n0.1,high,0.3,Sad\n"),
                                   three_features());
            }).find("line 3: energy is 'high', not a number"),
            std::string::npos);
  EXPECT_NE(input_error([&] {
              read_labelled_tracks(csv("danceability,energy,valence,mood\n0.1,0.2,0.3,Calm\n0.2,0.2,0.3,Calm\n"),
                                   three_features());
            }).find("at least two different labels"),
            std::string::npos);
  auto unknown = three_features();
  unknown.features.push_back("popularity");
  EXPECT_NE(input_error([&] {
              read_labelled_tracks(csv("a\n1\n"), unknown);
            }).find("'popularity' is not one a history track has"),
            std::string::npos);
}

TEST(MoodNet, CrossValidatesASeparableSetNearPerfectly) {
  TempDir dir;
  const auto set = read_labelled_tracks(write_labelled_csv(dir / "moods.csv", 40), three_features());
  auto options = mood_net_defaults();
  options.epochs = 60;
  options.adam.learning_rate = 3e-3;
  const auto cv = cross_validate_mood_net(set, options, 5, 1);
  EXPECT_EQ(cv.fold_accuracy.size(), 5u);
  EXPECT_GE(cv.accuracy, 0.95);
  EXPECT_GE(cv.pooled.macro_f1, 0.95);
  EXPECT_EQ(cv.pooled.confusion.sum(), 80);  // every row predicted exactly once, out of fold
  // Deterministic: the same seed gives the same folds and the same models.
  EXPECT_EQ(cross_validate_mood_net(set, options, 5, 1).fold_accuracy, cv.fold_accuracy);
  // Each fold's model is an ensemble when asked: still every row once, still deterministic.
  const auto ensemble_cv = cross_validate_mood_net(set, options, 5, 2);
  EXPECT_EQ(ensemble_cv.pooled.confusion.sum(), 80);
  EXPECT_GE(ensemble_cv.accuracy, 0.95);
  EXPECT_EQ(cross_validate_mood_net(set, options, 5, 2).fold_accuracy, ensemble_cv.fold_accuracy);
}

// A mood net of `members` nets trained for a few epochs on the separable set, saved in `dir`.
struct SavedNet {
  LabelledTracks set;
  MoodNet net;
  std::filesystem::path path;
};
SavedNet saved_net(const std::filesystem::path& dir, int members) {
  auto set = read_labelled_tracks(write_labelled_csv(dir / "moods.csv", 10), three_features());
  auto options = mood_net_defaults();
  options.epochs = 5;
  auto net = train_mood_net(set, options, members).ensemble;
  tracking::ModelFileInfo info;
  info.model_id = "run-1";
  save_mood_net(dir / "mood_net.json", net, info);
  return {std::move(set), std::move(net), dir / "mood_net.json"};
}

TEST(MoodNet, ModelFileRoundTripsAndRefusesAnotherModel) {
  TempDir dir;
  const auto saved = saved_net(dir.path(), 2);
  const auto document = nlohmann::json::parse(testing::read_file(saved.path));
  EXPECT_EQ(document["version"], 2);
  EXPECT_EQ(document["model"]["members"].size(), 2u);
  tracking::ModelFileInfo loaded_info;
  const auto loaded = load_mood_net(saved.path, &loaded_info);
  EXPECT_EQ(loaded_info.model_id, "run-1");
  ASSERT_EQ(loaded.size(), 2);
  EXPECT_EQ(loaded.predict_proba(saved.set.features), saved.net.predict_proba(saved.set.features));  // bit for bit
  // The file's probabilities are the mean of its two members'.
  const Eigen::MatrixXf first = loaded.members()[0].predict_proba(saved.set.features);
  const Eigen::MatrixXf second = loaded.members()[1].predict_proba(saved.set.features);
  EXPECT_EQ(loaded.predict_proba(saved.set.features), Eigen::MatrixXf((first + second) / 2.0f));

  // A clusters model is not a mood net.
  testing::write_file(dir / "other.json", R"({"format":"sonic-mood-clusters","version":1})");
  EXPECT_NE(input_error([&] { load_mood_net(dir / "other.json"); }).find("not a sonic-mood-net model"),
            std::string::npos);
  EXPECT_NE(input_error([&] { load_mood_net(dir / "missing.json"); }).find("run `sonic train mood`"),
            std::string::npos);
}

// Version 1 held one net as the body: such a file loads as an ensemble of that one net.
TEST(MoodNet, AVersionOneFileLoadsAsAnEnsembleOfOne) {
  TempDir dir;
  const auto saved = saved_net(dir.path(), 1);
  tracking::ModelFileInfo info;
  info.model_id = "run-v1";
  info.format = kMoodNet.format;
  info.version = 1;
  info.feature_names = saved.net.feature_names();
  tracking::save_model_file(dir / "v1.json", info, ml::mlp_model_to_json(saved.net.members().front()));
  tracking::ModelFileInfo loaded_info;
  const auto loaded = load_mood_net(dir / "v1.json", &loaded_info);
  EXPECT_EQ(loaded_info.version, 1);
  ASSERT_EQ(loaded.size(), 1);
  EXPECT_EQ(loaded.predict_proba(saved.set.features), saved.net.predict_proba(saved.set.features));

  // And one written by the sonic before ensembles (`sonic demo`'s mood net, version 1).
  const auto demo = load_mood_net(std::filesystem::path(SONIC_TEST_DATA_DIR) / "mood" / "mood_net_v1.json");
  EXPECT_EQ(demo.size(), 1);
  EXPECT_EQ(demo.output_names(), (std::vector<std::string>{"calm", "energetic", "focus", "happy", "sad"}));
}

// A damaged version-2 file is one InputError naming the file and the place.
TEST(MoodNet, ADamagedEnsembleFileNamesTheFileAndThePlace) {
  TempDir dir;
  const auto saved = saved_net(dir.path(), 2);
  const auto original = nlohmann::json::parse(testing::read_file(saved.path));
  const auto error_for = [&](const std::function<void(nlohmann::json&)>& damage) {
    auto document = original;
    damage(document);
    testing::write_file(dir / "damaged.json", document.dump());
    return input_error([&] { load_mood_net(dir / "damaged.json"); });
  };
  const auto expect_message = [&](const std::string& message, const std::string& expected) {
    EXPECT_EQ(message.rfind((dir / "damaged.json").string() + ": sonic-mood-net model: ", 0), 0u) << message;
    EXPECT_NE(message.find(expected), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  };
  const auto members = [](nlohmann::json& document) -> nlohmann::json& { return document["model"]["members"]; };
  expect_message(error_for([&](nlohmann::json& d) { members(d) = nlohmann::json::array(); }),
                 "model.members holds 0 nets; a mood net has 1 to 100");
  expect_message(error_for([&](nlohmann::json& d) {
                   members(d) = nlohmann::json::array();
                   for (int m = 0; m < 101; ++m) members(d).push_back(nullptr);
                 }),
                 "model.members holds 101 nets; a mood net has 1 to 100");
  expect_message(error_for([&](nlohmann::json& d) { d["model"].erase("members"); }), "model.members is missing");
  // A truncated member: its last layer gone.
  expect_message(error_for([&](nlohmann::json& d) { members(d)[1]["layers"].erase(1); }),
                 "model.members[1] is not a whole net: sonic-mlp model: layers has 1 entries, expected 2");
  // Shapes that do not match: a member over other features, one with other classes, a weight
  // matrix one row short.
  expect_message(error_for([&](nlohmann::json& d) { members(d)[1]["feature_names"][0] = "tempo"; }),
                 "model.members[1] is not a whole net: sonic-mlp model: ");
  expect_message(error_for([&](nlohmann::json& d) {
                   members(d)[1]["output_names"] = {"Party", "Calm"};
                 }),
                 "model.members[1].output_names are Party,Calm, but the first net's are Calm,Party");
  expect_message(error_for([&](nlohmann::json& d) { members(d)[0]["layers"][0]["weights"].erase(0); }),
                 "model.members[0] is not a whole net: sonic-mlp model: layers[0].weights");
}

// The real labelled set: every default column is there and every class has its tracks.
TEST(MoodNetRealData, DefaultsFitDataMoods) {
  SONIC_SHARED_DATA_OR_SKIP(csv, "moods/data_moods.csv");
  const auto set = read_labelled_tracks(csv, {});
  EXPECT_EQ(set.features.rows(), 686);
  EXPECT_EQ(set.classes, (std::vector<std::string>{"Calm", "Energetic", "Happy", "Sad"}));
}

}  // namespace
}  // namespace sonic::mood
