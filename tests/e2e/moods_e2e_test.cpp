// The moods issue end to end on a real history with real catalog features: cluster, train and
// predict the mood net, train and predict the next mood, list the runs; and what bad model
// files and failed steps do to the store.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>

#include "support/run_sonic.hpp"
#include "support/shared_data.hpp"
#include "support/store_fingerprint.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

namespace fs = std::filesystem;

nlohmann::json json_of(const RunResult& result) {
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return nlohmann::json::parse(result.out);  // exactly one JSON object on stdout
}

class MoodsRealHistory : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto history = shared_dir() / "data" / "histories" / "extended" / "anton";
    const auto catalogs = shared_dir() / "data" / "catalogs";
    if (shared_dir().empty() || !fs::exists(history)) return;
    home_ = new TempDir();
    ASSERT_EQ(run_sonic({"--home", home(), "import", history.string()}).exit_code, 0);
    // By ID only: the tests below count the tracks that no catalog row measured (cold start by
    // name has its own test, cold_start_e2e_test.cpp).
    std::vector<std::string> args = {"--home", home(), "import-features", "--ids-only"};
    for (const char* file : {"hit-predictor/dataset-of-80s.csv", "hit-predictor/dataset-of-90s.csv",
                             "hit-predictor/dataset-of-00s.csv", "hit-predictor/dataset-of-10s.csv",
                             "liked-bartek/audio_features.csv", "popularity-yashdave/high_popularity_spotify_data.csv",
                             "popularity-yashdave/low_popularity_spotify_data.csv"}) {
      args.push_back((catalogs / file).string());
    }
    ASSERT_EQ(run_sonic(args).exit_code, 0);
  }
  static void TearDownTestSuite() {
    delete home_;
    home_ = nullptr;
  }
  void SetUp() override {
    if (!home_) GTEST_SKIP() << "shared data not available: histories/extended/anton";
  }
  static std::string home() { return home_->path().string(); }
  static RunResult sonic(std::vector<std::string> args) {
    args.insert(args.begin(), {"--home", home()});
    return run_sonic(args);
  }
  static TempDir* home_;
};
TempDir* MoodsRealHistory::home_ = nullptr;

TEST_F(MoodsRealHistory, ClusterTrainAndPredictEndToEnd) {
  const auto clusters = json_of(sonic({"cluster", "--json"}));
  const int k = clusters["k"];
  EXPECT_GE(k, 3);
  EXPECT_LE(k, 15);
  EXPECT_EQ(clusters["clusters"].size(), static_cast<std::size_t>(k));
  EXPECT_GT(clusters["tracks"]["clustered"].get<int>(), 300);
  EXPECT_GT(clusters["tracks"]["without_features"].get<int>(), 5000);  // counted, not dropped
  EXPECT_TRUE(fs::exists(fs::path(home()) / "models" / "mood_clusters.json"));

  // Imputation gives featureless tracks of known artists their artist's mean.
  const auto imputed = json_of(sonic({"cluster", "--impute", "artist", "--json"}));
  EXPECT_GT(imputed["tracks"]["imputed"].get<int>(), 0);
  EXPECT_EQ(imputed["tracks"]["without_features"].get<int>() + imputed["tracks"]["imputed"].get<int>(),
            clusters["tracks"]["without_features"].get<int>());

  const auto labels = (shared_dir() / "data" / "moods" / "data_moods.csv").string();
  const auto trained =
      json_of(sonic({"train", "mood", "--labels", labels, "--folds", "3", "--epochs", "40", "--json"}));
  EXPECT_EQ(trained["classes"], nlohmann::json({"Calm", "Energetic", "Happy", "Sad"}));
  EXPECT_GT(trained["cross_validation"]["accuracy"].get<double>(), 0.6);
  EXPECT_EQ(trained["cross_validation"]["per_class"].size(), 4u);

  const auto predicted = json_of(sonic({"predict", "mood", "--json"}));
  int labelled = 0;
  for (const auto& [mood, count] : predicted["tracks_by_mood"].items()) labelled += count.get<int>();
  EXPECT_EQ(labelled, predicted["tracks_labelled"].get<int>());
  EXPECT_GT(labelled, 300);

  const auto next = json_of(sonic({"train", "next-mood", "--json"}));
  EXPECT_GT(next["rows"]["test"].get<int>(), 100);
  EXPECT_TRUE(next["baselines"].contains("same_as_current"));
  EXPECT_TRUE(next["metrics"]["roc_auc"].is_number());
  // The default two-year window leaves out anton's older sessions; --window 0 takes them all.
  const auto everything = json_of(sonic({"train", "next-mood", "--window", "0", "--json"}));
  EXPECT_GT(everything["rows"]["test"].get<int>(), next["rows"]["test"].get<int>());
  EXPECT_LT(everything["data"]["from"].get<std::string>(), next["data"]["from"].get<std::string>());
  ASSERT_EQ(sonic({"train", "next-mood"}).exit_code, 0);  // back to the default for what follows
  const auto forecast = json_of(sonic({"predict", "next-mood", "--json"}));
  double total = 0;
  for (const auto& entry : forecast["next"]) total += entry["probability"].get<double>();
  EXPECT_NEAR(total, 1.0, 1e-5);
  EXPECT_EQ(forecast["next"].size(), static_cast<std::size_t>(imputed["k"].get<int>()));
  // No choice file yet: the net answers, and names its likeliest mood.
  EXPECT_EQ(forecast["predictor"], "net");
  EXPECT_EQ(forecast["prior_exponent"], 0);
  EXPECT_EQ(forecast["stay_bonus"], 0);
  EXPECT_EQ(forecast["predicted"], forecast["next"][0]["cluster"]);

  // Boosted trees on the same rows, compared with the net trained just before.
  const auto trees = json_of(sonic({"train", "mood-gbdt", "--json"}));
  EXPECT_EQ(trees["learner"], "boosted trees");
  EXPECT_EQ(trees["rows"], next["rows"]);
  EXPECT_EQ(trees["baselines"], next["baselines"]);  // the same split, so the same baselines
  EXPECT_EQ(trees["compared_with"]["learner"], "mood net");
  EXPECT_EQ(trees["compared_with"]["test_accuracy"], next["metrics"]["accuracy"]);

  const auto runs = json_of(sonic({"runs", "--json"}));
  ASSERT_GE(runs["runs"].size(), 5u);
  EXPECT_EQ(runs["runs"][0]["experiment"], "mood-gbdt");
  EXPECT_EQ(runs["runs"][1]["experiment"], "next-mood");
  EXPECT_EQ(runs["runs"][0]["status"], "FINISHED");
  const auto text = sonic({"runs"});
  EXPECT_NE(text.out.find("mood-clusters"), std::string::npos);
}

TEST_F(MoodsRealHistory, ADamagedModelFileIsAClearErrorAndChangesNothing) {
  const auto labels = (shared_dir() / "data" / "moods" / "data_moods.csv").string();
  ASSERT_EQ(sonic({"train", "mood", "--labels", labels, "--folds", "0", "--epochs", "5"}).exit_code, 0);
  const auto model = fs::path(home()) / "models" / "mood_net.json";
  const auto text = read_file(model);
  write_file(model, text.substr(0, text.size() / 3));
  const auto before = store_fingerprint(fs::path(home()) / "sonic.db");
  const auto result = sonic({"predict", "mood"});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find(model.string()), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("not valid JSON"), std::string::npos) << result.err;
  EXPECT_EQ(store_fingerprint(fs::path(home()) / "sonic.db"), before);
}

// MLflow reads these files with PyYAML's safe loader: check them with it when it is installed.
TEST_F(MoodsRealHistory, RunFilesAreValidMlflowYaml) {
  if (std::system("/usr/bin/python3 -c 'import yaml' 2>/dev/null") != 0) GTEST_SKIP() << "no PyYAML";
  ASSERT_EQ(sonic({"cluster", "--k", "4"}).exit_code, 0);
  const auto script = write_file(fs::path(home()) / "check.py", R"(import yaml, glob, os, sys
root = sys.argv[1]
for meta in glob.glob(os.path.join(root, '*', 'meta.yaml')):
    e = yaml.safe_load(open(meta))
    assert isinstance(e['experiment_id'], str) and e['experiment_id'] == os.path.basename(os.path.dirname(meta)), meta
    assert e['lifecycle_stage'] == 'active'
for meta in glob.glob(os.path.join(root, '*', '*', 'meta.yaml')):
    r = yaml.safe_load(open(meta))
    assert r['run_id'] == r['run_uuid'] == os.path.basename(os.path.dirname(meta)), meta
    assert isinstance(r['status'], int) and isinstance(r['start_time'], int), meta
    assert r['experiment_id'] == os.path.basename(os.path.dirname(os.path.dirname(meta))), meta
    assert open(os.path.join(os.path.dirname(meta), 'tags', 'mlflow.runName')).read() == r['run_name']
print('ok')
)");
  const auto command = "/usr/bin/python3 " + script.string() + " " + (fs::path(home()) / "mlruns").string();
  EXPECT_EQ(std::system(command.c_str()), 0);
}

TEST(MoodsEmptyStore, ClusteringWithoutFeaturesFailsClearlyAndLeavesTheStoreAsItWas) {
  TempDir home;
  const auto history = write_file(
      home / "in" / "Streaming_History_Audio_2024.json",
      R"([{"ts":"2024-03-01T10:00:00Z","ms_played":200000,"master_metadata_track_name":"A",)"
      R"("master_metadata_album_artist_name":"B","spotify_track_uri":"spotify:track:4uLU6hMCjMI75M1A2tKUQC"}])");
  ASSERT_EQ(run_sonic({"--home", home.path().string(), "import", history.string()}).exit_code, 0);
  const auto before = store_fingerprint(home / "sonic.db");
  const auto result = run_sonic({"--home", home.path().string(), "cluster"});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("only 0 of the history's tracks have all six audio features"), std::string::npos)
      << result.err;
  EXPECT_EQ(store_fingerprint(home / "sonic.db"), before);
  EXPECT_FALSE(std::filesystem::exists(home / "models" / "mood_clusters.json"));
  const auto next = run_sonic({"--home", home.path().string(), "predict", "next-mood"});
  EXPECT_EQ(next.exit_code, 3);
  EXPECT_NE(next.err.find("run `sonic cluster` first"), std::string::npos) << next.err;
}

}  // namespace
}  // namespace sonic::testing
