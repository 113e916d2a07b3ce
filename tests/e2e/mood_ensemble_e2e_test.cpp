// The mood net as a seed ensemble through the real binary: `train mood --ensemble N` writes a
// version-2 file of N nets and records the size in the run's params; a damaged ensemble file
// exits 3 with one line naming the file and the place, and `predict mood` then prints nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "support/run_sonic.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

namespace fs = std::filesystem;

class MoodEnsemble : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string csv =
        "mood,danceability,acousticness,energy,instrumentalness,liveness,valence,loudness,speechiness,tempo\n";
    for (int i = 0; i < 12; ++i) {
      const auto shade = std::to_string(0.01 * i);
      csv += (i % 2 ? "Happy,0.8," + shade + ",0.7,0.0,0.1,0.75,-5,0.05,125\n"
                    : "Calm,0.3,0.8,0.2," + shade + ",0.1,0.25,-14,0.04,80\n");
    }
    labels_ = write_file(home_ / "labels.csv", csv);
  }
  RunResult sonic(std::vector<std::string> args) {
    args.insert(args.begin(), {"--home", home_.path().string()});
    return run_sonic(args);
  }
  fs::path model() const { return home_ / "models" / "mood_net.json"; }
  RunResult predict() {
    return sonic({"--quiet", "predict", "mood", "--features",
                  "danceability=0.8,acousticness=0.1,energy=0.7,instrumentalness=0,liveness=0.1,valence=0.7,"
                  "loudness=-6,speechiness=0.05,tempo=120"});
  }

  TempDir home_;
  fs::path labels_;
};

TEST_F(MoodEnsemble, TrainsTheAskedNumberOfNetsAndRecordsIt) {
  const auto trained = sonic(
      {"train", "mood", "--labels", labels_.string(), "--folds", "0", "--epochs", "3", "--ensemble", "3", "--json"});
  ASSERT_EQ(trained.exit_code, 0) << trained.err;
  const auto report = nlohmann::json::parse(trained.out);
  EXPECT_EQ(report["ensemble"], 3);
  const auto file = nlohmann::json::parse(read_file(model()));
  EXPECT_EQ(file["version"], 2);
  EXPECT_EQ(file["model"]["members"].size(), 3u);
  // MLflow's params: one file per name under the run.
  const auto run_folder = [&] {
    for (const auto& entry : fs::recursive_directory_iterator(home_ / "mlruns")) {
      if (entry.path().filename() == report["run_id"].get<std::string>()) return entry.path();
    }
    return fs::path();
  }();
  ASSERT_FALSE(run_folder.empty());
  EXPECT_EQ(read_file(run_folder / "params" / "ensemble"), "3");
  const auto predicted = predict();
  EXPECT_EQ(predicted.exit_code, 0) << predicted.err;
  // Out of range: bad usage, before anything is trained.
  const auto zero = sonic({"train", "mood", "--labels", labels_.string(), "--ensemble", "0"});
  EXPECT_EQ(zero.exit_code, 2);
  EXPECT_NE(zero.err.find("--ensemble"), std::string::npos) << zero.err;
}

TEST_F(MoodEnsemble, ADamagedEnsembleFileExits3NamingTheFileAndThePlace) {
  ASSERT_EQ(sonic({"train", "mood", "--labels", labels_.string(), "--folds", "0", "--epochs", "2", "--ensemble", "2"})
                .exit_code,
            0);
  const auto original = nlohmann::json::parse(read_file(model()));
  const auto expect_refused = [&](const std::function<void(nlohmann::json&)>& damage, const std::string& place) {
    auto document = original;
    damage(document);
    write_file(model(), document.dump());
    const auto result = predict();
    EXPECT_EQ(result.exit_code, 3) << place;
    EXPECT_EQ(result.out, "") << place;
    EXPECT_NE(result.err.find(model().string() + ": sonic-mood-net model: " + place), std::string::npos) << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  };
  expect_refused([](nlohmann::json& d) { d["model"]["members"] = nlohmann::json::array(); },
                 "model.members holds 0 nets");
  expect_refused([](nlohmann::json& d) { d["model"]["members"] = std::vector<int>(1000, 0); },
                 "model.members holds 1000 nets");
  expect_refused([](nlohmann::json& d) { d["model"]["members"][1]["layers"][1].erase("bias"); },
                 "model.members[1] is not a whole net: sonic-mlp model: layers[1].bias is missing");
  expect_refused([](nlohmann::json& d) { d["model"]["members"][0]["layer_sizes"][1] = 64; },
                 "model.members[0] is not a whole net: sonic-mlp model: ");
  expect_refused(
      [](nlohmann::json& d) {
        d["model"]["members"][1]["output_names"] = {"Sad", "Calm"};
      },
      "model.members[1].output_names are Sad,Calm, but the first net's are Calm,Happy");
}

}  // namespace
}  // namespace sonic::testing
