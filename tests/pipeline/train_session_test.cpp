// `sonic train session` below the CLI: the model lands in the home's models/, the run in its
// mlruns/ with every figure, and a failed training leaves the previous model as it was.
#include "sonic/pipeline/train_session.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "session/planted_rhythm.hpp"
#include "sonic/core/error.hpp"
#include "sonic/session/session_model_file.hpp"
#include "sonic/store/schema.hpp"
#include "sonic/store/session_store.hpp"
#include "sonic/tracking/mlflow_store.hpp"
#include "support/temp_dir.hpp"

namespace sonic::pipeline {
namespace {

class TrainSession : public ::testing::Test {
 protected:
  void store_history(int days) {
    db_.exec("DELETE FROM sessions");
    store::insert_sessions(db_, session::testing::planted_rhythm(zone_, days, 3).sessions);
  }
  sonic::testing::TempDir dir_;
  Home home_{.dir = dir_.path(), .database = dir_ / "sonic.db"};
  store::Database db_ = store::open_store(home_.database);
  TimeZone zone_ = TimeZone::named("Europe/Berlin");
};

TEST_F(TrainSession, SavesTheModelAndRecordsTheRunWithEveryFigure) {
  store_history(150);
  const auto result = train_session(db_, home_, zone_, {.window_days = 90, .threads = 1, .seed = 5});
  EXPECT_EQ(result.model_path, home_.models() / "session.json");
  const auto model = session::load_session_model(result.model_path);
  EXPECT_EQ(model.info.model_id, result.run_id);
  EXPECT_EQ(model.info.seed, 5u);

  const auto runs = tracking::list_runs(home_.runs(), "session");
  ASSERT_EQ(runs.size(), 1u);
  const auto& run = runs[0];
  EXPECT_EQ(run.run_id, result.run_id);
  EXPECT_EQ(run.status, tracking::RunStatus::finished);
  EXPECT_EQ(run.params.at("window_days"), "90");
  EXPECT_EQ(run.params.at("max_depth"), "2");
  EXPECT_EQ(run.params.at("time_zone"), "Europe/Berlin");
  EXPECT_DOUBLE_EQ(run.metrics.at("roc_auc"), result.training.evaluation.model.roc_auc);
  EXPECT_DOUBLE_EQ(run.metrics.at("hour_of_week_roc_auc"), result.training.evaluation.hour_of_week.roc_auc);
  EXPECT_DOUBLE_EQ(run.metrics.at("always_no_brier"), result.training.evaluation.always_no.brier);
  EXPECT_EQ(run.tags.at("sonic.model"), "session");
  // One validation loss per round, each at its own step.
  const auto run_dir = home_.runs() / run.experiment_id / run.run_id;
  std::ifstream losses(run_dir / "metrics" / "validation_log_loss");
  std::string line;
  std::size_t steps = 0;
  while (std::getline(losses, line)) {
    EXPECT_EQ(line.substr(line.rfind(' ') + 1), std::to_string(steps));
    ++steps;
  }
  EXPECT_EQ(steps, result.training.validation_loss.size());
  EXPECT_TRUE(std::filesystem::exists(run_dir / "artifacts" / "session.json"));
}

TEST_F(TrainSession, AFailedTrainingLeavesThePreviousModelAndRecordsAFailedRun) {
  store_history(150);
  const auto first = train_session(db_, home_, zone_, {});
  std::ifstream before_file(first.model_path);
  const std::string before((std::istreambuf_iterator<char>(before_file)), {});

  store_history(10);
  EXPECT_THROW(train_session(db_, home_, zone_, {}), InputError);
  std::ifstream after_file(first.model_path);
  EXPECT_EQ(std::string((std::istreambuf_iterator<char>(after_file)), {}), before);
  EXPECT_EQ(session::load_session_model(first.model_path).info.model_id, first.run_id);
}

TEST_F(TrainSession, ATrainingThatFailsAfterTheRunStartedMarksItFailed) {
  // Long enough for a window, but the held-out hours hold no session start.
  auto sessions = session::testing::planted_rhythm(zone_, 40, 3).sessions;
  std::erase_if(sessions, [&](const auto& s) { return s.start_ms > sessions.front().start_ms + 25 * kMsPerDay; });
  const std::int64_t last = sessions.front().start_ms + 40 * kMsPerDay;
  sessions.push_back({last, last + kMsPerMinute, 1, kMsPerMinute});
  store::insert_sessions(db_, sessions);
  EXPECT_THROW(train_session(db_, home_, zone_, {}), InputError);
  const auto runs = tracking::list_runs(home_.runs(), "session");
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].status, tracking::RunStatus::failed);
  EXPECT_FALSE(std::filesystem::exists(home_.models() / "session.json"));
}

}  // namespace
}  // namespace sonic::pipeline
