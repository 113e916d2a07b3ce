// The hourly session dataset on hand-made sessions whose every feature is worked out below.
#include "sonic/features/session_dataset.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <tuple>

#include "sonic/core/utc_time.hpp"
#include "sonic/features/local_hours.hpp"

namespace sonic::features {
namespace {

using F = SessionFeature;

double value(const SessionDataset& data, Eigen::Index row, F feature) {
  return data.features(row, static_cast<int>(feature));
}

class HandMadeHistory : public ::testing::Test {
 protected:
  std::int64_t at(int month, int day, int hour, int minute = 0) const {
    return berlin_.utc_ms(2024, month, day, hour, minute);
  }
  void add(std::int64_t start, std::int64_t end) {
    history_.sessions.push_back({start, end, 1, end - start});
    history_.listen_starts_ms.push_back(start);
  }
  void SetUp() override {
    add(at(2, 1, 8, 5), at(2, 1, 8, 30));     // more than 30 days before the row: counts nowhere
    add(at(2, 10, 8, 15), at(2, 10, 8, 45));  // within 30 days, at 8
    add(at(3, 1, 8, 10), at(3, 1, 8, 50));    // 7 days minus 10 min before: 40 min, at 8
    add(at(3, 5, 8, 20), at(3, 5, 9, 20));    // 60 min, at 8
    add(at(3, 7, 20, 0), at(3, 7, 20, 30));   // 30 min, at 20
    add(at(3, 8, 7, 30), at(3, 8, 8, 30));    // still running when 8:00 starts: length unknown
    add(at(3, 8, 8, 40), at(3, 8, 9, 0));     // starts within the 8:00 hour: the target
  }
  const TimeZone berlin_ = TimeZone::named("Europe/Berlin");
  records::SessionHistory history_;
};

TEST_F(HandMadeHistory, EveryFeatureOfTheEightOClockRowIsWhatWasKnownAtEight) {
  const std::vector<std::int64_t> hours = {at(3, 8, 8), at(3, 8, 9)};
  const SessionDataset data = build_session_dataset(history_, berlin_, hours);
  ASSERT_EQ(data.features.rows(), 2);
  ASSERT_EQ(data.features.cols(), kSessionFeatureCount);
  ASSERT_EQ(session_feature_names().size(), std::size_t{kSessionFeatureCount});
  // Friday 8 March 2024, 8:00.
  EXPECT_EQ(value(data, 0, F::hour), 8);
  EXPECT_EQ(value(data, 0, F::weekday), 4);
  EXPECT_EQ(value(data, 0, F::day_of_month), 8);
  EXPECT_NEAR(value(data, 0, F::hour_sin), std::sqrt(3.0) / 2, 1e-12);
  EXPECT_NEAR(value(data, 0, F::hour_cos), -0.5, 1e-12);
  EXPECT_NEAR(value(data, 0, F::weekday_sin), std::sin(2 * std::numbers::pi * 4 / 7), 1e-12);
  EXPECT_NEAR(value(data, 0, F::weekday_cos), std::cos(2 * std::numbers::pi * 4 / 7), 1e-12);
  EXPECT_EQ(value(data, 0, F::weekend), 0);
  EXPECT_EQ(value(data, 0, F::starts_this_hour_7d), 2);   // 1 and 5 March
  EXPECT_EQ(value(data, 0, F::starts_this_hour_30d), 3);  // and 10 February
  EXPECT_DOUBLE_EQ(value(data, 0, F::hours_since_last_start), 0.5);
  EXPECT_DOUBLE_EQ(value(data, 0, F::mean_session_minutes_7d), (40.0 + 60 + 30) / 3);
  EXPECT_EQ(value(data, 0, F::listens_7d), 4);
  EXPECT_EQ(value(data, 0, F::listens_30d), 5);
  EXPECT_EQ(data.labels[0], 1);
  // The rhythm columns.
  EXPECT_EQ(value(data, 0, F::day_of_year), 31 + 29 + 8);      // 2024 is a leap year
  EXPECT_EQ(value(data, 0, F::started_same_hour_1d_ago), 0);   // 7 March 8:00–9:00: nothing
  EXPECT_EQ(value(data, 0, F::started_same_hour_7d_ago), 1);   // 1 March 8:10
  EXPECT_EQ(value(data, 0, F::started_same_hour_14d_ago), 0);  // 23 February
  EXPECT_EQ(value(data, 0, F::started_same_hour_21d_ago), 0);  // 16 February
  EXPECT_EQ(value(data, 0, F::started_same_hour_28d_ago), 0);  // 9 February (the 10th's is a day late)
  EXPECT_EQ(value(data, 0, F::starts_same_hour_last_4_weeks), 1);
  EXPECT_DOUBLE_EQ(value(data, 0, F::minutes_since_last_listen), 30);   // the 7:30 one
  EXPECT_DOUBLE_EQ(value(data, 0, F::active_day_share_7d), 3.0 / 7);    // 1, 5 and 7 March
  EXPECT_DOUBLE_EQ(value(data, 0, F::active_day_share_28d), 4.0 / 28);  // and 10 February
  // Weeks back from Friday 8 March: [1 Mar, 8 Mar) has listens, [23 Feb, 1 Mar) and
  // [16 Feb, 23 Feb) none, [9 Feb, 16 Feb) the 10th, [2 Feb, 9 Feb) none, [26 Jan, 2 Feb) the 1st.
  EXPECT_EQ(value(data, 0, F::active_weeks_52w), 3);
  // Fridays at 8: only 1 March 8:10 (1 February was a Thursday, 10 February a Saturday).
  EXPECT_DOUBLE_EQ(value(data, 0, F::hour_of_week_rate_52w), 1.0 / 3);
  EXPECT_EQ(value(data, 0, F::active_days_same_week_last_year), 0);

  // 9:00: the 8:40 session is the latest start, both sessions of the morning have ended, and
  // 1 March 8:10 has left the week.
  EXPECT_EQ(value(data, 1, F::starts_this_hour_7d), 0);  // no session ever started at 9
  EXPECT_NEAR(value(data, 1, F::hours_since_last_start), 20.0 / 60, 1e-12);
  EXPECT_DOUBLE_EQ(value(data, 1, F::mean_session_minutes_7d), (60.0 + 30 + 60 + 20) / 4);
  EXPECT_EQ(value(data, 1, F::listens_7d), 4);
  EXPECT_EQ(data.labels[1], 0);
  EXPECT_EQ(value(data, 1, F::started_same_hour_7d_ago), 0);           // 1 March 9:00–10:00: nothing started
  EXPECT_DOUBLE_EQ(value(data, 1, F::minutes_since_last_listen), 20);  // the 8:40 one
  EXPECT_EQ(value(data, 1, F::hour_of_week_rate_52w), 0);
  EXPECT_DOUBLE_EQ(value(data, 1, F::active_day_share_7d), 3.0 / 7);  // the row's own day never counts
}

// Last year's same week: the 7 local days centred on 364 days before (the same weekday).
TEST(SessionDatasetLastYear, TheWeekAroundTheSameWeekdayAYearBeforeCountsItsDaysWithListening) {
  const TimeZone berlin = TimeZone::named("Europe/Berlin");
  records::SessionHistory history;
  // 364 days before Friday 8 March 2024 is Friday 10 March 2023; its week is 7–13 March.
  for (const auto& [month, day, hour] :
       {std::tuple{3, 6, 12}, {3, 7, 9}, {3, 10, 8}, {3, 10, 21}, {3, 13, 23}, {3, 14, 0}}) {
    const std::int64_t start = berlin.utc_ms(2023, month, day, hour);
    history.sessions.push_back({start, start + 10 * kMsPerMinute, 1, 10 * kMsPerMinute});
    history.listen_starts_ms.push_back(start);
  }
  const std::vector<std::int64_t> hours = {berlin.utc_ms(2024, 3, 8, 8), berlin.utc_ms(2024, 3, 15, 8)};
  const SessionDataset data = build_session_dataset(history, berlin, hours);
  EXPECT_EQ(value(data, 0, F::active_days_same_week_last_year), 3);  // 7, 10 and 13 March
  EXPECT_EQ(value(data, 1, F::active_days_same_week_last_year), 1);  // 14–20 March: the 14th
  // The 52nd week before the first row, [10 March 2023, 17 March 2023), is its only active one,
  // and 10 March 2023 8:00 is exactly 52 weeks before it: one Friday-8:00 start per active week.
  EXPECT_EQ(value(data, 0, F::active_weeks_52w), 1);
  EXPECT_DOUBLE_EQ(value(data, 0, F::hour_of_week_rate_52w), 1);
  EXPECT_EQ(value(data, 0, F::active_day_share_28d), 0);
  // A week later all of it is more than 52 weeks back: no active week, so no rate.
  EXPECT_EQ(value(data, 1, F::active_weeks_52w), 0);
  EXPECT_TRUE(std::isnan(value(data, 1, F::hour_of_week_rate_52w)));
  EXPECT_DOUBLE_EQ(value(data, 0, F::minutes_since_last_listen),
                   static_cast<double>(hours[0] - berlin.utc_ms(2023, 3, 14, 0)) / kMsPerMinute);
}

TEST_F(HandMadeHistory, BeforeAnySessionTheRecencyAndLengthAreMissing) {
  const std::vector<std::int64_t> hours = {at(1, 20, 12)};
  const SessionDataset data = build_session_dataset(history_, berlin_, hours);
  EXPECT_TRUE(std::isnan(value(data, 0, F::hours_since_last_start)));
  EXPECT_TRUE(std::isnan(value(data, 0, F::mean_session_minutes_7d)));
  EXPECT_EQ(value(data, 0, F::listens_30d), 0);
  EXPECT_EQ(value(data, 0, F::weekend), 1);  // Saturday
  EXPECT_TRUE(std::isnan(value(data, 0, F::minutes_since_last_listen)));
  EXPECT_TRUE(std::isnan(value(data, 0, F::hour_of_week_rate_52w)));  // no active week yet
  EXPECT_EQ(value(data, 0, F::active_weeks_52w), 0);
}

TEST(SessionDatasetDst, TheRepeatedHourIsTwoRowsEachWithItsOwnTarget) {
  const TimeZone berlin = TimeZone::named("Europe/Berlin");
  // 27 October 2024: 2:00–3:00 is lived twice, first at UTC+2 (0:00 UTC), then at UTC+1 (1:00 UTC).
  const std::int64_t second_two_oclock = berlin.utc_ms(2024, 10, 27, 0) + 3 * kMsPerHour;
  records::SessionHistory history;
  history.sessions.push_back({second_two_oclock + 30 * kMsPerMinute, second_two_oclock + 50 * kMsPerMinute, 1, 0});
  history.listen_starts_ms.push_back(history.sessions[0].start_ms);
  const auto hours = local_hour_starts(berlin, berlin.utc_ms(2024, 10, 27, 0), berlin.utc_ms(2024, 10, 28, 0));
  const SessionDataset data = build_session_dataset(history, berlin, hours);
  ASSERT_EQ(data.features.rows(), 25);
  EXPECT_EQ(value(data, 2, F::hour), 2);
  EXPECT_EQ(value(data, 3, F::hour), 2);
  EXPECT_EQ(data.labels[2], 0);
  EXPECT_EQ(data.labels[3], 1);
  EXPECT_EQ(data.labels.sum(), 1);
  // The session at the second 2:00 counts as a 2 o'clock start for the next day's 2:00.
  const std::vector<std::int64_t> next_day = {berlin.utc_ms(2024, 10, 28, 2)};
  EXPECT_EQ(value(build_session_dataset(history, berlin, next_day), 0, F::starts_this_hour_7d), 1);
}

}  // namespace
}  // namespace sonic::features
