#include "sonic/mood/mood_net.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "sonic/core/random.hpp"
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
  const auto cv = cross_validate_mood_net(set, options, 5);
  EXPECT_EQ(cv.fold_accuracy.size(), 5u);
  EXPECT_GE(cv.accuracy, 0.95);
  EXPECT_GE(cv.pooled.macro_f1, 0.95);
  EXPECT_EQ(cv.pooled.confusion.sum(), 80);  // every row predicted exactly once, out of fold
  // Deterministic: the same seed gives the same folds and the same models.
  EXPECT_EQ(cross_validate_mood_net(set, options, 5).fold_accuracy, cv.fold_accuracy);
}

TEST(MoodNet, ModelFileRoundTripsAndRefusesAnotherModel) {
  TempDir dir;
  const auto set = read_labelled_tracks(write_labelled_csv(dir / "moods.csv", 10), three_features());
  auto options = mood_net_defaults();
  options.epochs = 5;
  const auto trained = train_mood_net(set, options);
  tracking::ModelFileInfo info;
  info.model_id = "run-1";
  save_mood_net(dir / "mood_net.json", trained.model, info);
  tracking::ModelFileInfo loaded_info;
  const auto loaded = load_mood_net(dir / "mood_net.json", &loaded_info);
  EXPECT_EQ(loaded_info.model_id, "run-1");
  EXPECT_EQ(loaded.predict_proba(set.features), trained.model.predict_proba(set.features));  // bit for bit

  // A clusters model is not a mood net.
  testing::write_file(dir / "other.json", R"({"format":"sonic-mood-clusters","version":1})");
  EXPECT_NE(input_error([&] { load_mood_net(dir / "other.json"); }).find("not a sonic-mood-net model"),
            std::string::npos);
  EXPECT_NE(input_error([&] { load_mood_net(dir / "missing.json"); }).find("run `sonic train mood`"),
            std::string::npos);
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
