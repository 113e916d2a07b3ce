// Training the session model on a planted rhythm: it must learn what the baselines cannot, split
// by time with the validation slice before the test hours, and be reproducible.
#include "sonic/session/session_trainer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "planted_rhythm.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/ml/gbdt/model_json.hpp"

namespace sonic::session {
namespace {

class PlantedRhythm : public ::testing::Test {
 protected:
  const TimeZone zone_ = TimeZone::named("Europe/Berlin");
  const records::SessionHistory history_ = testing::planted_rhythm(zone_, 200, 5);
  const SessionWindow window_ = choose_session_window(history_, zone_, 120);
};

TEST_F(PlantedRhythm, TheModelBeatsBothBaselinesByFar) {
  const SessionTraining training =
      train_session_model(history_, zone_, window_, {.window_days = 120, .threads = 2, .seed = 1});
  const SessionEvaluation& e = training.evaluation;
  EXPECT_GT(e.model.roc_auc, 0.9);
  EXPECT_GT(e.model.roc_auc, e.hour_of_week.roc_auc + 0.15);
  EXPECT_DOUBLE_EQ(e.always_no.roc_auc, 0.5);
  EXPECT_LT(e.model.log_loss, e.hour_of_week.log_loss);
  EXPECT_LT(e.model.brier, e.always_no.brier);
  EXPECT_GT(e.model.pr_auc, e.hour_of_week.pr_auc);
  // Always-no scores each start hour as a miss: its Brier score is the test start rate.
  EXPECT_DOUBLE_EQ(e.always_no.brier,
                   static_cast<double>(training.test_positives) / static_cast<double>(training.split.test));
  long calibrated_rows = 0;
  for (const auto& bin : e.calibration) calibrated_rows += bin.count;
  EXPECT_EQ(calibrated_rows, training.split.test);
}

TEST_F(PlantedRhythm, SplitsByTimeWithTheValidationSliceBeforeTheTestHours) {
  const SessionTraining training = train_session_model(history_, zone_, window_, {});
  const auto rows = static_cast<Eigen::Index>(window_.hour_starts_ms.size());
  // The 120-day window learns from all of it, and holds out the last fifth of the last 90 days.
  const Eigen::Index evaluated = evaluated_hours(window_);
  EXPECT_NEAR(static_cast<double>(evaluated), 90 * 24, 1);
  EXPECT_EQ(training.split.fit + training.split.validation + training.split.test, rows);
  EXPECT_EQ(training.split.test, std::llround(0.2 * static_cast<double>(evaluated)));
  EXPECT_EQ(training.split.validation, std::llround(0.2 * static_cast<double>(evaluated - training.split.test)));
  EXPECT_GT(training.split.fit, rows - evaluated);
  // The booster saw exactly the fit rows and validated on the slice right after them.
  EXPECT_EQ(training.model.metadata().at("training_rows").get<Eigen::Index>(), training.split.fit);
  EXPECT_EQ(training.model.metadata().at("validation_rows").get<Eigen::Index>(), training.split.validation);
  EXPECT_EQ(static_cast<int>(training.model.round_count()), training.best_round);
  EXPECT_GE(training.validation_loss.size(), static_cast<std::size_t>(training.best_round));
}

TEST_F(PlantedRhythm, TheSameHistoryAndSeedGiveTheSameModelOnAnyThreadCount) {
  const auto one = train_session_model(history_, zone_, window_, {.window_days = 120, .threads = 1, .seed = 3});
  const auto two = train_session_model(history_, zone_, window_, {.window_days = 120, .threads = 2, .seed = 3});
  EXPECT_EQ(ml::gbdt_to_json(one.model).dump(), ml::gbdt_to_json(two.model).dump());
}

TEST(SessionSplit, HoldsOutTheLastFifthAndValidatesOnTheLastFifthOfTheRest) {
  const SessionSplit split = split_by_time(2160);
  EXPECT_EQ(split.test, 432);
  EXPECT_EQ(split.validation, 346);
  EXPECT_EQ(split.fit, 1382);
  // Of a longer history only the last 2160 hours are evaluated; every earlier one is learned from.
  const SessionSplit longer = split_by_time(10000, 2160);
  EXPECT_EQ(longer.test, 432);
  EXPECT_EQ(longer.validation, 346);
  EXPECT_EQ(longer.fit, 10000 - 432 - 346);
}

// The whole history and the last 90 days hold out the very same hours, so a model of either (and
// the model before issue 15, which learned from 90 days) compares on them.
TEST_F(PlantedRhythm, EveryWindowReachingBack90DaysHoldsOutTheSameHours) {
  const SessionWindow whole = choose_session_window(history_, zone_, kWholeHistoryDays);
  const SessionWindow last_90 = choose_session_window(history_, zone_, kEvaluationDays);
  ASSERT_GT(whole.hour_starts_ms.size(), last_90.hour_starts_ms.size() + 100 * 24);
  EXPECT_EQ(evaluated_hours(whole), static_cast<Eigen::Index>(last_90.hour_starts_ms.size()));
  EXPECT_EQ(evaluated_hours(last_90), static_cast<Eigen::Index>(last_90.hour_starts_ms.size()));
  const auto tail = static_cast<std::ptrdiff_t>(last_90.hour_starts_ms.size());
  EXPECT_TRUE(
      std::equal(whole.hour_starts_ms.end() - tail, whole.hour_starts_ms.end(), last_90.hour_starts_ms.begin()));
  const SessionTraining training = train_session_model(history_, zone_, whole, {.threads = 2, .seed = 1});
  EXPECT_EQ(training.split.test, split_by_time(tail).test);
  EXPECT_EQ(training.model.metadata().at("training_rows").get<Eigen::Index>(), training.split.fit);
}

// 0.5^(age / half-life), ages in days before the validation part, then scaled to a mean of 1.
TEST(SessionRecencyWeights, HalveEveryHalfLifeAndAverageOne) {
  const std::int64_t until = 1'700'000'000'000;
  const std::vector<std::int64_t> hours = {until - 730 * kMsPerDay, until - 365 * kMsPerDay, until - kMsPerHour};
  const Eigen::VectorXd weights = recency_weights(hours, until, 365);
  const double raw_hour = std::exp2(-1.0 / 24 / 365);
  const double mean = (0.25 + 0.5 + raw_hour) / 3;
  EXPECT_NEAR(weights[0], 0.25 / mean, 1e-12);
  EXPECT_NEAR(weights[1], 0.5 / mean, 1e-12);
  EXPECT_NEAR(weights[2], raw_hour / mean, 1e-12);
  EXPECT_NEAR(weights.mean(), 1, 1e-12);
  EXPECT_EQ(recency_weights(hours, until, 0), Eigen::VectorXd::Ones(3));  // off
}

TEST(SessionTrainer, RefusesAWindowWhoseTestHoursHoldNoSessionStart) {
  const TimeZone zone = TimeZone::named("UTC");
  records::SessionHistory history = testing::planted_rhythm(zone, 60, 2);
  // Silence for the last third of the history, closed by a one-minute session in an hour that
  // has not ended when the history does (so no row holds it).
  std::erase_if(history.sessions,
                [&](const auto& s) { return s.start_ms > history.sessions.front().start_ms + 40 * kMsPerDay; });
  const std::int64_t last = history.sessions.front().start_ms + 60 * kMsPerDay;
  history.sessions.push_back({last, last + kMsPerMinute, 1, kMsPerMinute});
  const SessionWindow window = choose_session_window(history, zone, 90);
  try {
    train_session_model(history, zone, window, {});
    FAIL() << "trained without a session start in the test hours";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("no session started in the held-out test hours"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace sonic::session
