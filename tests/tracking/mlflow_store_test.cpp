#include "sonic/tracking/mlflow_store.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "tracking/yaml_lines.hpp"
#include "support/temp_dir.hpp"

#include <cmath>

namespace sonic::tracking {
namespace {

using testing::read_file;
using testing::TempDir;
namespace fs = std::filesystem;

TEST(YamlLines, QuotesWhatPyYamlWouldReadAsSomethingElse) {
  EXPECT_EQ(yaml_string("Default"), "Default");
  EXPECT_EQ(yaml_string("0"), "'0'");
  EXPECT_EQ(yaml_string("null"), "'null'");
  EXPECT_EQ(yaml_string("it's"), "'it''s'");
  EXPECT_EQ(yaml_string("file:///a b"), "'file:///a b'");
  EXPECT_EQ(yaml_string(""), "''");
}

TEST(YamlLines, ReadsBackWhatItWrites) {
  TempDir dir;
  testing::write_file(dir / "m.yaml", render_yaml({{"b", yaml_string("it's 0")}, {"a", "null"}, {"c", "17"}}));
  EXPECT_EQ(read_file(dir / "m.yaml"), "a: null\nb: 'it''s 0'\nc: 17\n");  // sorted keys
  const auto map = read_flat_yaml(dir / "m.yaml");
  ASSERT_TRUE(map);
  EXPECT_EQ(map->at("b"), "it's 0");
  EXPECT_EQ(map->at("a"), std::nullopt);
  EXPECT_EQ(map->at("c"), "17");
}

TEST(MlflowStore, WritesTheFileStoreLayout) {
  TempDir dir;
  const auto mlruns = dir / "mlruns";
  std::string run_dir;
  {
    auto run = TrackedRun::start(mlruns, "mood",
                                 {.seed = 42, .window_from_ms = 0, .window_to_ms = 86400000, .now_ms = 1721450907221});
    EXPECT_EQ(run.run_id().size(), 32u);
    EXPECT_EQ(run.run_name(), "mood-20240720-044827");
    run.log_param("hidden", "128");
    run.log_param("hidden", "128");  // the same value again is fine
    EXPECT_THROW(run.log_param("hidden", "64"), Error);
    run.log_metric("loss", 0.5, 0);
    run.log_metric("loss", 0.25, 1);
    run.log_metric("cv/accuracy", 0.83);
    run.log_metric("odd", std::nan(""));
    run.finish();
    run_dir = run.run_dir().string();
    EXPECT_EQ(fs::path(run_dir).parent_path().filename(), run.experiment_id());
  }
  // The default experiment MLflow expects, and ours by name.
  EXPECT_NE(read_file(mlruns / "0" / "meta.yaml").find("name: Default"), std::string::npos);
  const fs::path run(run_dir);
  const auto experiment_meta = read_file(run.parent_path() / "meta.yaml");
  EXPECT_NE(experiment_meta.find("name: mood\n"), std::string::npos);
  EXPECT_NE(experiment_meta.find("experiment_id: '" + run.parent_path().filename().string() + "'"), std::string::npos);

  const auto meta = read_flat_yaml(run / "meta.yaml");
  ASSERT_TRUE(meta);
  EXPECT_EQ(meta->at("status"), "3");
  EXPECT_EQ(meta->at("start_time"), "1721450907221");
  EXPECT_TRUE(meta->at("end_time").has_value());
  EXPECT_EQ(meta->at("run_id"), run.filename().string());
  EXPECT_EQ(meta->at("run_uuid"), run.filename().string());
  EXPECT_EQ(meta->at("run_name"), read_file(run / "tags" / "mlflow.runName"));
  EXPECT_EQ(read_file(run / "params" / "hidden"), "128");  // no trailing newline
  EXPECT_EQ(read_file(run / "tags" / "sonic.seed"), "42");
  EXPECT_EQ(read_file(run / "tags" / "sonic.data_to"), "1970-01-02T00:00:00.000Z");

  const auto loss = read_file(run / "metrics" / "loss");
  EXPECT_NE(loss.find(" 0.5 0\n"), std::string::npos);
  EXPECT_NE(loss.find(" 0.25 1\n"), std::string::npos);
  EXPECT_TRUE(fs::exists(run / "metrics" / "cv" / "accuracy"));
  EXPECT_NE(read_file(run / "metrics" / "odd").find(" nan 0"), std::string::npos);
}

TEST(MlflowStore, ReusesTheExperimentAndListsRunsNewestFirst) {
  TempDir dir;
  const auto mlruns = dir / "mlruns";
  std::string first_experiment;
  {
    auto a = TrackedRun::start(mlruns, "session", {.now_ms = 1000});
    a.log_metric("auc", 0.7, 0);
    a.log_metric("auc", 0.8, 2);
    a.log_metric("auc", 0.75, 1);  // logged later, but an earlier step: not the latest
    first_experiment = a.experiment_id();
    a.finish();
  }
  {
    auto b = TrackedRun::start(mlruns, "session", {.now_ms = 2000});
    EXPECT_EQ(b.experiment_id(), first_experiment);
    // never finished: recorded as FAILED when it goes out of scope
  }
  {
    auto c = TrackedRun::start(mlruns, "mood", {.now_ms = 1500});
    c.finish();
  }
  fs::create_directories(mlruns / "models");  // the registry is not an experiment
  {
    auto deleted = TrackedRun::start(mlruns, "session", {.now_ms = 3000});
    deleted.finish();
    auto meta = testing::read_file(deleted.run_dir() / "meta.yaml");
    meta.replace(meta.find("lifecycle_stage: active"), 23, "lifecycle_stage: deleted");
    testing::write_file(deleted.run_dir() / "meta.yaml", meta);  // as `mlflow runs delete` leaves it
  }
  fs::create_directories(mlruns / first_experiment / "datasets");

  const auto runs = list_runs(mlruns);
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0].start_ms, 2000);
  EXPECT_EQ(runs[0].status, RunStatus::failed);
  EXPECT_EQ(runs[1].experiment, "mood");
  EXPECT_EQ(runs[2].status, RunStatus::finished);
  EXPECT_DOUBLE_EQ(runs[2].metrics.at("auc"), 0.8);
  EXPECT_EQ(runs[2].tags.at("mlflow.source.name"), "sonic");

  EXPECT_EQ(list_runs(mlruns, std::string("mood")).size(), 1u);
  EXPECT_EQ(list_runs(mlruns, std::nullopt, 1).size(), 1u);
  EXPECT_TRUE(list_runs(dir / "nowhere").empty());
}

TEST(MlflowStore, CopiesArtifacts) {
  TempDir dir;
  const auto model = testing::write_file(dir / "model.json", "{}");
  auto run = TrackedRun::start(dir / "mlruns", "mood");
  const auto copy = run.log_artifact(model);
  EXPECT_EQ(copy, run.run_dir() / "artifacts" / "model.json");
  EXPECT_EQ(read_file(copy), "{}");
  run.finish();
}

}  // namespace
}  // namespace sonic::tracking
