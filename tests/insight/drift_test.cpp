#include "sonic/insight/drift.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "support/listening_store.hpp"

namespace sonic::insight {
namespace {

constexpr std::int64_t kMinute = 60'000;

// The recent week is 29 Jan - 4 Feb 2024 (UTC), the baseline the 30 days before it.
class DriftTest : public ::testing::Test {
 protected:
  DriftTest() {
    // Recent: 4 sessions (30, 60, 30, 60 min; 6 + 12 + 6 + 4 = 28 listens), two at 08 h, two at 20 h.
    store_.session(at(1, 29, 8), at(1, 29, 8) + 30 * kMinute, 6);
    store_.session(at(1, 30, 8), at(1, 30, 8) + 60 * kMinute, 12);
    store_.session(at(2, 1, 20), at(2, 1, 20) + 30 * kMinute, 6);
    store_.session(at(2, 4, 20), at(2, 4, 20) + 60 * kMinute, 4);
    // Baseline: 6 sessions of 30 min and 5 listens, four at 08 h and two at 20 h.
    for (const int day : {1, 5, 9, 13}) store_.session(at(1, day, 8), at(1, day, 8) + 30 * kMinute, 5);
    for (const int day : {17, 28}) store_.session(at(1, day, 20), at(1, day, 20) + 30 * kMinute, 5);
    // Outside both windows: starting at the end, and just before the baseline.
    store_.session(at(2, 5, 0), at(2, 5, 1), 50);
    store_.session(at(12, 29, 23, 2023), at(12, 30, 1, 2023), 50);
    // Moods: recent 3 happy + 1 sad, baseline 1 happy + 3 sad.
    const auto happy = store_.track("Up", "A");
    const auto sad = store_.track("Down", "B");
    store_.mood(happy, "happy");
    store_.mood(sad, "sad");
    std::int64_t minute = 0;
    for (const auto track : {happy, happy, happy, sad})
      store_.play(track, at(2, 2, 12) + 5 * kMinute * minute++, 3 * kMinute);
    for (const auto track : {happy, sad, sad, sad})
      store_.play(track, at(1, 10, 12) + 5 * kMinute * minute++, 3 * kMinute);
  }
  std::int64_t at(int month, int day, int hour, int year = 2024) const { return utc_.utc_ms(year, month, day, hour); }

  TimeZone utc_ = TimeZone::named("UTC");
  testing::ListeningStore store_;
};

TEST_F(DriftTest, HandComputedFigures) {
  const Drift drift = compute_drift(store_.db(), utc_, at(2, 5, 0));
  EXPECT_DOUBLE_EQ(*drift.session_minutes.recent, 45.0);
  EXPECT_DOUBLE_EQ(*drift.session_minutes.baseline, 30.0);
  EXPECT_DOUBLE_EQ(*drift.session_minutes.change, 0.5);
  EXPECT_TRUE(drift.session_minutes.flagged);
  EXPECT_DOUBLE_EQ(*drift.sessions_per_day.recent, 4.0 / 7);
  EXPECT_DOUBLE_EQ(*drift.sessions_per_day.baseline, 6.0 / 30);
  EXPECT_NEAR(*drift.sessions_per_day.change, (4.0 / 7) / 0.2 - 1, 1e-12);
  EXPECT_DOUBLE_EQ(*drift.tracks_per_day.recent, 4.0);
  EXPECT_DOUBLE_EQ(*drift.tracks_per_day.baseline, 1.0);
  EXPECT_DOUBLE_EQ(*drift.tracks_per_day.change, 3.0);
  // Entropy: recent 0.5/0.5 = 1 bit; baseline 2/3, 1/3 = 0.9183 bits; +8.9 %: not flagged.
  const double baseline_bits = -(2.0 / 3 * std::log2(2.0 / 3) + 1.0 / 3 * std::log2(1.0 / 3));
  EXPECT_DOUBLE_EQ(*drift.start_hour_entropy.recent, 1.0);
  EXPECT_NEAR(*drift.start_hour_entropy.baseline, baseline_bits, 1e-12);
  EXPECT_NEAR(*drift.start_hour_entropy.change, 1.0 / baseline_bits - 1, 1e-12);
  EXPECT_FALSE(drift.start_hour_entropy.flagged);
  // Start hours: half of |0.5 - 2/3| + |0.5 - 1/3| = 1/6.
  EXPECT_DOUBLE_EQ(drift.recent_start_hours[8], 0.5);
  EXPECT_DOUBLE_EQ(drift.baseline_start_hours[20], 1.0 / 3);
  EXPECT_NEAR(*drift.start_hours.change, 1.0 / 6, 1e-12);
  EXPECT_FALSE(drift.start_hours.flagged);
  // Moods: 0.75/0.25 against 0.25/0.75 is a distance of 0.5.
  EXPECT_DOUBLE_EQ(drift.recent_moods.at("happy"), 0.75);
  EXPECT_DOUBLE_EQ(*drift.mood_mix.change, 0.5);
  EXPECT_EQ(drift.flags(),
            (std::vector<std::string>{"session_minutes", "sessions_per_day", "tracks_per_day", "mood_mix"}));
}

TEST_F(DriftTest, JsonCarriesEveryMetricAndTheFlags) {
  const auto json = compute_drift(store_.db(), utc_, at(2, 5, 0)).to_json();
  EXPECT_EQ(json["window"]["end"], "2024-02-05T00:00:00.000Z");
  EXPECT_EQ(json["window"]["recent_from"], "2024-01-29T00:00:00.000Z");
  EXPECT_EQ(json["window"]["baseline_from"], "2023-12-30T00:00:00.000Z");
  EXPECT_EQ(json["metrics"]["session_minutes"],
            (nlohmann::json{{"recent", 45.0}, {"baseline", 30.0}, {"change", 0.5}, {"flagged", true}}));
  EXPECT_EQ(json["metrics"]["start_hours"]["recent"].size(), 24u);
  EXPECT_EQ(json["metrics"]["start_hours"]["baseline"][8], 0.667);
  EXPECT_EQ(json["metrics"]["mood_mix"]["baseline"]["sad"], 0.75);
  EXPECT_EQ(json["flags"].size(), 4u);
}

TEST_F(DriftTest, EndsAfterTheNewestListenByDefault) {
  EXPECT_EQ(compute_drift(store_.db(), utc_, std::nullopt).window_end_ms, at(2, 2, 12) + 15 * kMinute + 1);
}

TEST_F(DriftTest, EachRunIsKept) {
  const Drift drift = compute_drift(store_.db(), utc_, at(2, 5, 0));
  const auto first = store_drift(store_.db(), drift, 1000);
  const auto second = store_drift(store_.db(), drift, 2000);
  EXPECT_NE(first, second);
  auto row = store_.db().prepare("SELECT computed_ms, window_end_ms, report FROM drift_runs WHERE id = ?1");
  row.bind(1, second);
  ASSERT_TRUE(row.step());
  EXPECT_EQ(row.integer(0), 2000);
  EXPECT_EQ(row.integer(1), at(2, 5, 0));
  EXPECT_EQ(nlohmann::json::parse(row.text(2)), drift.to_json());
}

TEST(DriftEmptyTest, NothingToCompareFlagsNothing) {
  testing::ListeningStore store;
  const Drift drift = compute_drift(store.db(), TimeZone::named("UTC"), std::nullopt);
  EXPECT_TRUE(drift.flags().empty());
  EXPECT_FALSE(drift.session_minutes.recent.has_value());
  EXPECT_FALSE(drift.sessions_per_day.change.has_value());  // a zero baseline
  const auto json = drift.to_json();
  EXPECT_TRUE(json["metrics"]["mood_mix"]["change"].is_null());
}

}  // namespace
}  // namespace sonic::insight
