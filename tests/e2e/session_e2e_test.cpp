// `sonic train session` and `sonic predict session` end to end: on the demo listener (always) and
// on a real export (when ../shared is there), with their JSON, the model file and the run, and
// every way they refuse (no model, a bad model file, too little history).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sonic/tracking/mlflow_store.hpp"
#include "support/run_sonic.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

namespace fs = std::filesystem;

class SessionE2e : public ::testing::Test {
 protected:
  RunResult sonic(std::vector<std::string> args) {
    args.insert(args.begin(), {"--home", home_.string(), "--tz", zone_});
    return run_sonic(args);
  }
  fs::path model() const { return home_ / "models" / "session.json"; }

  // Trains, predicts (at `at`, or when the training window ends), and checks both outputs and
  // what training leaves in the home.
  void train_and_predict(std::string at = "") {
    const auto trained = sonic({"train", "session", "--json", "--threads", "2", "--seed", "7"});
    ASSERT_EQ(trained.exit_code, 0) << trained.err;
    const auto report = nlohmann::json::parse(trained.out);
    for (const char* key : {"model", "run_id", "time_zone", "window", "hours", "start_hours", "rounds", "metrics",
                            "baselines", "calibration"}) {
      EXPECT_TRUE(report.contains(key)) << key;
    }
    EXPECT_EQ(report["time_zone"], zone_);
    EXPECT_EQ(report["model"], model().string());
    for (const auto* scores : {&report["metrics"], &report["baselines"]["hour_of_week"],
                               &report["baselines"]["hour_of_week_all"], &report["baselines"]["always_no"]}) {
      for (const char* key : {"roc_auc", "pr_auc", "log_loss", "brier"}) {
        ASSERT_TRUE(scores->at(key).is_number()) << key;
        EXPECT_GE(scores->at(key).get<double>(), 0.0) << key;
      }
      EXPECT_LE(scores->at("roc_auc").get<double>(), 1.0);
    }
    EXPECT_EQ(report["baselines"]["always_no"]["roc_auc"], 0.5);
    // Both histories are longer than 90 days: of the last 90 days' 2160 hours (±1 across a DST
    // change) the last fifth is held out and the last fifth of the rest validates; every hour
    // before them trains.
    const auto hours = report["hours"];
    EXPECT_NEAR(hours["test"].get<double>(), 432, 1);
    EXPECT_NEAR(hours["validation"].get<double>(), 346, 1);
    EXPECT_GT(hours["fit"].get<double>(), 2160 - 432 - 346);
    EXPECT_GT(report["start_hours"]["test"].get<int>(), 0);
    EXPECT_FALSE(report["calibration"].empty());
    EXPECT_TRUE(fs::exists(model()));
    const auto runs = tracking::list_runs(home_ / "mlruns", "session");
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].status, tracking::RunStatus::finished);
    EXPECT_EQ(runs[0].run_id, report["run_id"]);

    if (at.empty()) at = report["window"]["to"];
    const auto predicted = sonic({"predict", "session", "--json", "--hours", "24", "--at", at});
    ASSERT_EQ(predicted.exit_code, 0) << predicted.err;
    const auto forecast = nlohmann::json::parse(predicted.out);
    EXPECT_EQ(forecast["model_id"], report["run_id"]);
    ASSERT_EQ(forecast["hours"].size(), 24u);
    for (const auto& hour : forecast["hours"]) {
      EXPECT_GT(hour["probability"].get<double>(), 0.0);
      EXPECT_LT(hour["probability"].get<double>(), 1.0);
      for (const char* key : {"start", "local", "hour", "weekday"}) EXPECT_TRUE(hour.contains(key)) << key;
    }
    ASSERT_EQ(forecast["likeliest"].size(), 3u);
    EXPECT_GE(forecast["likeliest"][0]["probability"], forecast["likeliest"][1]["probability"]);
    for (const auto& hour : forecast["likeliest"]) {
      ASSERT_FALSE(hour["reasons"].empty());
      EXPECT_FALSE(hour["reasons"][0]["text"].get<std::string>().empty());
    }
    // The same --at gives the same forecast.
    EXPECT_EQ(sonic({"predict", "session", "--json", "--hours", "24", "--at", at}).out, predicted.out);
    // The text form names the zone.
    const auto text = sonic({"predict", "session", "--at", at});
    EXPECT_EQ(text.exit_code, 0);
    EXPECT_NE(text.out.find(zone_), std::string::npos) << text.out;
  }

  TempDir dir_;
  fs::path home_ = dir_ / "home";
  std::string zone_ = "Europe/Berlin";
};

TEST_F(SessionE2e, TrainsAndPredictsOnTheDemoListener) {
  const auto demo = run_sonic({"demo", "--out", dir_.path().string(), "--days", "120", "--import-only", "--json"});
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  ASSERT_EQ(nlohmann::json::parse(demo.out)["home"], home_.string());
  zone_ = "Etc/GMT-1";  // the simulated listener's zone
  train_and_predict();
  // The forecast of --at starts at the next whole local hour (long after the history, too).
  const auto forecast =
      nlohmann::json::parse(sonic({"predict", "session", "--json", "--at", "2030-01-01T00:20:00Z"}).out);
  EXPECT_EQ(forecast["hours"][0]["start"], "2030-01-01T01:00:00.000Z");
  EXPECT_EQ(forecast["hours"][0]["local"], "2030-01-01T02:00");
}

TEST_F(SessionE2e, TrainsAndPredictsOnARealExport) {
  SONIC_SHARED_DATA_OR_SKIP(zip, "histories/zip/my_spotify_data.zip");
  ASSERT_EQ(sonic({"import", zip.string()}).exit_code, 0);
  train_and_predict("2025-12-01T06:30:00Z");
}

TEST_F(SessionE2e, PredictingWithoutAModelSaysHowToTrainOne) {
  ASSERT_EQ(sonic({"import", test_data("import/endsong_0.json").string()}).exit_code, 0);
  const auto result = sonic({"predict", "session", "--json"});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("sonic train session"), std::string::npos) << result.err;
  EXPECT_TRUE(result.out.empty());
}

TEST_F(SessionE2e, ABadModelFileIsRefusedByName) {
  ASSERT_EQ(sonic({"import", test_data("import/endsong_0.json").string()}).exit_code, 0);
  write_file(model(), R"({"format": "sonic-session-gbdt", "version": 1, "model_id": )");
  const auto truncated = sonic({"predict", "session"});
  EXPECT_EQ(truncated.exit_code, 3);
  EXPECT_NE(truncated.err.find(model().string()), std::string::npos) << truncated.err;
  write_file(model(), R"({"format": "sonic-mood-net", "version": 1})");
  const auto foreign = sonic({"predict", "session"});
  EXPECT_EQ(foreign.exit_code, 3);
  EXPECT_NE(foreign.err.find("sonic-session-gbdt"), std::string::npos) << foreign.err;
}

TEST_F(SessionE2e, TooLittleHistoryIsBadInputAndLeavesNoModel) {
  ASSERT_EQ(sonic({"import", test_data("import/endsong_0.json").string()}).exit_code, 0);
  const auto result = sonic({"train", "session", "--json"});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_NE(result.err.find("too little listening history"), std::string::npos) << result.err;
  EXPECT_TRUE(result.out.empty());
  EXPECT_FALSE(fs::exists(model()));
  EXPECT_EQ(sonic({"train", "session", "--window", "0"}).exit_code, 2);
  EXPECT_EQ(sonic({"predict", "session", "--at", "yesterday"}).exit_code, 2);
}

}  // namespace
}  // namespace sonic::testing
