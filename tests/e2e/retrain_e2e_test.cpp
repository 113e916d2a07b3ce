// The nightly pipeline end to end: on the demo listener (every step) and on a real history
// with real catalog features; a failing step exits non-zero and leaves its previous model.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "support/run_sonic.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kEverySteps = {"cluster",          "mood-net", "predict-mood", "next-mood", "mood-gbdt",
                                              "next-mood-choice", "session",  "summarize",    "dashboard", "report"};

std::vector<std::string> done_steps(const nlohmann::json& report) {
  std::vector<std::string> names;
  for (const auto& step : report["steps"]) {
    EXPECT_EQ(step["outcome"], "done") << step.dump();
    if (step["outcome"] == "done") names.push_back(step["name"]);
  }
  return names;
}

// The demo: a simulated year through import, every model, the narrative and the report (its
// time, well under a minute, is measured by `bench/run demo`).
TEST(DemoE2e, TheWholeJobPrintsTheReportAndTheHtmlPath) {
  TempDir out;
  const auto result = run_sonic({"demo", "--out", out.path().string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("When you listen"), std::string::npos) << result.out;
  const auto html = out / "home" / "reports" / "report-demo-year.html";
  EXPECT_NE(result.out.find("The HTML report: " + html.string()), std::string::npos) << result.out;
  EXPECT_TRUE(fs::exists(html));
  for (const auto& step : kEverySteps) EXPECT_NE(result.err.find("ok   " + step), std::string::npos) << step;
  for (const char* model : {"mood_clusters.json", "mood_net.json", "next_mood.json", "next_mood_gbdt.json",
                            "next_mood_choice.json", "session.json"}) {
    EXPECT_TRUE(fs::exists(out / "home" / "models" / model)) << model;
  }
  // The next mood is named under the decision rule the choice file keeps (version 3).
  const auto choice = nlohmann::json::parse(read_file(out / "home" / "models" / "next_mood_choice.json"));
  EXPECT_EQ(choice["version"], 3);
  const double exponent = choice["model"]["prior_exponent"].get<double>();
  EXPECT_GE(exponent, 0);
  EXPECT_LE(exponent, 1);
  const double bonus = choice["model"]["stay_bonus"].get<double>();
  EXPECT_GE(bonus, 0);
  EXPECT_LE(bonus, 3);
  const auto predicted = run_sonic({"--home", (out / "home").string(), "predict", "next-mood", "--json"});
  ASSERT_EQ(predicted.exit_code, 0) << predicted.err;
  const auto answer = nlohmann::json::parse(predicted.out);
  EXPECT_EQ(answer["prior_exponent"].get<double>(), exponent);
  EXPECT_EQ(answer["stay_bonus"].get<double>(), bonus);
  EXPECT_EQ(answer["predictor"], choice["model"]["chosen"]);
  bool named = false;
  for (const auto& entry : answer["next"]) named = named || entry["cluster"] == answer["predicted"];
  EXPECT_TRUE(named) << answer.dump();
  if (exponent == 0 && bonus == 0) {
    EXPECT_EQ(answer["predicted"], answer["next"][0]["cluster"]);
  }
}

TEST(RetrainE2e, AFailedStepExitsNonZeroAndKeepsItsPreviousModel) {
  TempDir out;
  ASSERT_EQ(run_sonic({"demo", "--out", out.path().string(), "--days", "120"}).exit_code, 0);
  const auto home = (out / "home").string();
  const auto model = out / "home" / "models" / "mood_net.json";
  const auto before = read_file(model);
  const auto bad_labels = write_file(out / "bad.csv", "danceability,mood\n0.5,Calm\n");
  const auto result = run_sonic(
      {"--home", home, "--tz", "Etc/GMT-1", "retrain", "--labels", bad_labels.string(), "--offline", "--json"});
  EXPECT_EQ(result.exit_code, 3) << result.err;  // the labelled CSV is bad input
  EXPECT_NE(result.err.find("mood-net"), std::string::npos) << result.err;
  const auto report = nlohmann::json::parse(result.out);
  EXPECT_FALSE(report["ok"].get<bool>());
  for (const auto& step : report["steps"]) {
    EXPECT_EQ(step["outcome"], step["name"] == "mood-net" ? "failed" : "done") << step.dump();
  }
  EXPECT_EQ(read_file(model), before);  // the old mood net stays
}

// Retrain on the largest shared history: every step (its time is measured by bench/run models, not
// asserted here: a loaded machine is not a slow program).
TEST(RetrainRealData, EveryStepOnARealHistoryWithCatalogFeatures) {
  SONIC_SHARED_DATA_OR_SKIP(history, "histories/extended/anton");
  SONIC_SHARED_DATA_OR_SKIP(catalogs, "catalogs");
  SONIC_SHARED_DATA_OR_SKIP(labels, "moods/data_moods.csv");
  TempDir home;
  const std::vector<std::string> base = {"--home", home.path().string(), "--tz", "Europe/Berlin"};
  const auto with = [&](std::vector<std::string> args) {
    args.insert(args.begin(), base.begin(), base.end());
    return run_sonic(args);
  };
  ASSERT_EQ(with({"import", history.string()}).exit_code, 0);
  ASSERT_EQ(with({"import-features", (catalogs / "hit-predictor" / "dataset-of-10s.csv").string(),
                  (catalogs / "hit-predictor" / "dataset-of-00s.csv").string(),
                  (catalogs / "liked-bartek" / "audio_features.csv").string(),
                  (catalogs / "popularity-yashdave" / "high_popularity_spotify_data.csv").string()})
                .exit_code,
            0);
  const auto result = with({"retrain", "--labels", labels.string(), "--impute", "artist", "--offline", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto report = nlohmann::json::parse(result.out);
  EXPECT_EQ(done_steps(report), kEverySteps);
  EXPECT_TRUE(fs::exists(home / "reports" / "report.html"));
  const auto dashboard = nlohmann::json::parse(read_file(home / "reports" / "dashboard.json"));
  EXPECT_TRUE(dashboard.is_object());
  // The report reads what retrain wrote, in every format.
  for (const char* format : {"terminal", "json", "md", "html"}) {
    const auto rendered = with({"report", "--format", format, "--period", "365"});
    EXPECT_EQ(rendered.exit_code, 0) << format << ": " << rendered.err;
  }
}

}  // namespace
}  // namespace sonic::testing
