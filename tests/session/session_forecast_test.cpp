// The forecast: the coming local hours, scored from rows built exactly as in training, blind to
// anything after its start, with reasons for the likeliest hours.
#include "sonic/session/session_forecast.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "planted_rhythm.hpp"
#include "sonic/features/local_hours.hpp"
#include "sonic/session/session_trainer.hpp"

namespace sonic::session {
namespace {

class SessionForecast : public ::testing::Test {
 protected:
  static const SessionTraining& training() {
    static const SessionTraining trained = [] {
      const auto history = testing::planted_rhythm(zone(), 200, 4);
      return train_session_model(history, zone(), choose_session_window(history, zone(), 90), {});
    }();
    return trained;
  }
  static const TimeZone& zone() {
    static const TimeZone berlin = TimeZone::named("Europe/Berlin");
    return berlin;
  }
  const records::SessionHistory history_ = testing::planted_rhythm(zone(), 200, 4);
  // Within the history, during the sixth phase (day 105 on), whose daily hour is 15:00.
  const std::int64_t from_ = zone().utc_ms(2024, 4, 20, 5, 30);
};

TEST_F(SessionForecast, ScoresTheComingLocalHoursAsTrainingRowsAreBuilt) {
  const auto forecast = forecast_session_starts(training().model, history_, zone(), from_, {.hours = 24});
  ASSERT_EQ(forecast.size(), 24u);
  EXPECT_EQ(forecast[0].start_ms, zone().utc_ms(2024, 4, 20, 6));
  EXPECT_EQ(forecast[0].local.hour, 6);
  EXPECT_EQ(forecast[23].local.hour, 5);

  // The same rows the training code builds, from the history before `from_`.
  records::SessionHistory past;
  for (const auto& s : history_.sessions)
    if (s.start_ms < from_) past.sessions.push_back(s);
  for (auto l : history_.listen_starts_ms)
    if (l < from_) past.listen_starts_ms.push_back(l);
  std::vector<std::int64_t> starts;
  for (const auto& hour : forecast) starts.push_back(hour.start_ms);
  const auto rows = features::build_session_dataset(past, zone(), starts);
  const Eigen::MatrixXd expected = training().model.predict_proba(rows.features);
  for (std::size_t i = 0; i < forecast.size(); ++i) {
    EXPECT_DOUBLE_EQ(forecast[i].probability, expected(static_cast<Eigen::Index>(i), 1)) << i;
  }
  // The planted habit: 15:00 is the likeliest hour of the day.
  std::size_t likeliest = 0;
  for (std::size_t i = 0; i < forecast.size(); ++i) {
    if (forecast[i].probability > forecast[likeliest].probability) likeliest = i;
  }
  EXPECT_EQ(forecast[likeliest].local.hour, 15);
}

TEST_F(SessionForecast, IgnoresWhatTheHistoryHoldsFromItsStartOn) {
  records::SessionHistory past;
  for (const auto& s : history_.sessions)
    if (s.start_ms < from_) past.sessions.push_back(s);
  for (auto l : history_.listen_starts_ms)
    if (l < from_) past.listen_starts_ms.push_back(l);
  const auto with_future = forecast_session_starts(training().model, history_, zone(), from_, {.hours = 12});
  const auto without = forecast_session_starts(training().model, past, zone(), from_, {.hours = 12});
  for (std::size_t i = 0; i < with_future.size(); ++i) EXPECT_EQ(with_future[i].probability, without[i].probability);
}

TEST_F(SessionForecast, ExplainsOnlyTheLikeliestHoursLargestReasonFirst) {
  const auto forecast = forecast_session_starts(training().model, history_, zone(), from_,
                                                {.hours = 24, .explained_hours = 2, .reasons_per_hour = 3});
  std::vector<double> explained;
  double best_unexplained = 0;
  for (const auto& hour : forecast) {
    if (hour.reasons.empty()) {
      best_unexplained = std::max(best_unexplained, hour.probability);
      continue;
    }
    explained.push_back(hour.probability);
    ASSERT_LE(hour.reasons.size(), 3u);
    for (std::size_t r = 1; r < hour.reasons.size(); ++r) {
      EXPECT_GE(std::abs(hour.reasons[r - 1].contribution), std::abs(hour.reasons[r].contribution));
    }
    for (const auto& reason : hour.reasons) EXPECT_FALSE(reason.text.empty());
  }
  ASSERT_EQ(explained.size(), 2u);
  for (double p : explained) EXPECT_GE(p, best_unexplained);
}

TEST(SessionReasons, GroupTheContributionsOfOneFactorAndPhraseThemFromTheRow) {
  using F = features::SessionFeature;
  Eigen::RowVectorXd row = Eigen::RowVectorXd::Zero(features::kSessionFeatureCount);
  row[static_cast<int>(F::starts_this_hour_7d)] = 1;
  row[static_cast<int>(F::starts_this_hour_30d)] = 4;
  row[static_cast<int>(F::hours_since_last_start)] = std::nan("");
  Eigen::RowVectorXd shap = Eigen::RowVectorXd::Zero(features::kSessionFeatureCount + 1);
  shap[static_cast<int>(F::hour)] = 0.5;
  shap[static_cast<int>(F::hour_cos)] = 0.25;  // the same factor: 0.75 in all
  shap[static_cast<int>(F::starts_this_hour_30d)] = -0.9;
  shap[static_cast<int>(F::hours_since_last_start)] = 0.1;
  shap[features::kSessionFeatureCount] = 3;  // the bias is no reason
  LocalTime local;
  local.hour = 8;
  local.weekday = 5;
  const auto reasons = explain_hour(row, shap, local, 2);
  ASSERT_EQ(reasons.size(), 2u);
  EXPECT_EQ(reasons[0].factor, "habit_at_this_hour");
  EXPECT_DOUBLE_EQ(reasons[0].contribution, -0.9);
  EXPECT_EQ(
      reasons[0].text,
      "you started 1 session around 08:00 in the last 7 days and 4 sessions in the last 30, which lowers the chance");
  EXPECT_EQ(reasons[1].factor, "time_of_day");
  EXPECT_DOUBLE_EQ(reasons[1].contribution, 0.75);
  EXPECT_EQ(reasons[1].text, "you often start a session around 08:00");
  EXPECT_EQ(explain_hour(row, shap, local, 5).back().text, "no session before, which raises the chance");
}

}  // namespace
}  // namespace sonic::session
