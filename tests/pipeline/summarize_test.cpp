#include "sonic/pipeline/summarize.hpp"

#include <gtest/gtest.h>

#include "sonic/insight/segments.hpp"
#include "support/listening_store.hpp"

namespace sonic::pipeline {
namespace {

constexpr std::int64_t kMinute = 60'000;

class SummarizeTest : public ::testing::Test {
 protected:
  SummarizeTest() {
    const auto song = store_.track("\x1b[31mRed\x1b[0m <script>", "Artist");
    for (int day = 1; day <= 20; ++day) {
      const auto start = utc_.utc_ms(2024, 3, day, 9);
      store_.play(song, start, 4 * kMinute);
      store_.session(start, start + 4 * kMinute, 1);
    }
  }
  SummarizeOptions offline() {
    SummarizeOptions options;
    options.period = insight::Period::all();
    options.narrator.offline = true;
    return options;
  }

  TimeZone utc_ = TimeZone::named("UTC");
  testing::ListeningStore store_;
};

TEST_F(SummarizeTest, CarriesTheProfileTheDriftAndTheNarrative) {
  const Summary summary = summarize(store_.db(), utc_, offline());
  EXPECT_EQ(summary.segments, insight::compute_profile(store_.db(), utc_, insight::Period::all()).to_json());
  EXPECT_EQ(summary.drift["window"]["end_ms"], utc_.utc_ms(2024, 3, 20, 9) + 1);
  EXPECT_EQ(summary.narrative.narrator, "offline");
  const auto json = summary.to_json();
  EXPECT_EQ(json["narrative"]["text"], summary.narrative.text);
  EXPECT_EQ(json["segments"]["overall"]["plays"], 20);
  EXPECT_EQ(store_.db().scalar("SELECT count(*) FROM drift_runs"), 1);
  summarize(store_.db(), utc_, offline());
  EXPECT_EQ(store_.db().scalar("SELECT count(*) FROM drift_runs"), 2);
}

TEST_F(SummarizeTest, AYearInReviewEndsItsDriftAtTheYearsEnd) {
  auto options = offline();
  options.period = insight::Period::calendar_year(2023);
  const Summary summary = summarize(store_.db(), utc_, options);
  EXPECT_EQ(summary.drift["window"]["end_ms"], utc_.utc_ms(2024, 1, 1, 0));
  EXPECT_EQ(summary.segments["overall"]["plays"], 0);
}

TEST_F(SummarizeTest, TextNeverPassesControlCharactersFromTheData) {
  const std::string text = summarize(store_.db(), utc_, offline()).to_text();
  EXPECT_NE(text.find("Red"), std::string::npos) << text;
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  EXPECT_NE(text.find("\n-- offline, all time\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace sonic::pipeline
