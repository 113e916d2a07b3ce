#include "sonic/insight/offline_narrator.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <set>

#include "sonic/insight/drift.hpp"
#include "sonic/insight/segments.hpp"
#include "support/listening_store.hpp"

namespace sonic::insight {
namespace {

using nlohmann::json;

constexpr std::int64_t kMinute = 60'000;

// A listener with mornings of bright pop and nights of dark ambient; `variant` changes the
// amounts, so two variants are two different people.
json statistics(int variant) {
  testing::ListeningStore store;
  const TimeZone utc = TimeZone::named("UTC");
  const auto bright = store.track("Sunrise", "Alpha");
  const auto dark = store.track("Midnight", "Beta");
  const auto other = store.track("Walk", "Gamma");
  store.mood(bright, "happy");
  store.mood(dark, "sad");
  store.mood(other, "calm");
  store.cluster(bright, 0, "bright pop");
  store.cluster(dark, 1, "dark ambient");
  store.features(bright, 0.81, 0.72, 0.66);
  store.features(dark, 0.14, 0.22, 0.31);
  store.features(other, 0.5, 0.45, 0.5);
  for (int day = 1; day <= 28; ++day) {
    store.play(bright, utc.utc_ms(2024, 1, day, 8), (3 + variant) * kMinute);
    if (day % (2 + variant) == 0) store.play(other, utc.utc_ms(2024, 1, day, 14), 4 * kMinute);
    if (day % 3 == 0) store.play(dark, utc.utc_ms(2024, 1, day, 23), (5 + variant) * kMinute);
  }
  json stats = compute_profile(store.db(), utc, Period::all()).to_json();
  stats["drift"] = compute_drift(store.db(), utc, std::nullopt).to_json();
  return stats;
}

// Every number the statistics hold, as the narrator may write it: as printed, or a share as a
// whole percentage (sign dropped).
void collect_numbers(const json& value, std::set<std::string>& numbers) {
  if (value.is_number()) {
    numbers.insert(value.is_number_integer() ? std::to_string(value.get<std::int64_t>()) : value.dump());
    const double number = value.get<double>();
    if (std::abs(number) <= 100) numbers.insert(std::to_string(std::llround(std::abs(number) * 100)));
  }
  if (value.is_structured()) {
    for (const auto& item : value) collect_numbers(item, numbers);
  }
}

TEST(OfflineNarratorTest, SaysWhoWroteItAndIsDeterministic) {
  const json stats = statistics(0);
  const std::string text = offline_narrative(stats);
  EXPECT_EQ(text.rfind("Written by sonic's offline narrator", 0), 0u) << text;
  EXPECT_EQ(text, offline_narrative(stats));
  EXPECT_EQ(text, offline_narrative(json::parse(stats.dump())));
}

TEST(OfflineNarratorTest, WritesOnlyNumbersFromTheStatistics) {
  for (const int variant : {0, 1, 2}) {
    const json stats = statistics(variant);
    std::set<std::string> known;
    collect_numbers(stats, known);
    const std::string text = offline_narrative(stats);
    const std::regex number(R"(\d+(\.\d+)?)");
    int checked = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), number); it != std::sregex_iterator(); ++it) {
      EXPECT_TRUE(known.count(it->str())) << it->str() << " is not in the statistics:\n" << text;
      ++checked;
    }
    EXPECT_GT(checked, 10) << text;
  }
}

TEST(OfflineNarratorTest, NamesTheNotableSegmentsAndThePersonality) {
  const std::string text = offline_narrative(statistics(0));
  EXPECT_NE(text.find("eekday mornings"), std::string::npos) << text;
  EXPECT_NE(text.find("Alpha"), std::string::npos) << text;
  EXPECT_NE(text.find("happy"), std::string::npos) << text;
  EXPECT_NE(text.find("bright pop"), std::string::npos) << text;
  EXPECT_NE(text.find("valence"), std::string::npos) << text;
}

// The sentence frames (the text with names and numbers taken out) of different listeners differ.
TEST(OfflineNarratorTest, DifferentProfilesReadDifferently) {
  const auto frame = [](std::string text) {
    text = std::regex_replace(text, std::regex(R"(\d+(\.\d+)?)"), "#");
    return text;
  };
  std::set<std::string> frames;
  for (const int variant : {0, 1, 2, 3}) frames.insert(frame(offline_narrative(statistics(variant))));
  EXPECT_GE(frames.size(), 3u);
}

TEST(OfflineNarratorTest, NoListeningIsSaidPlainly) {
  testing::ListeningStore store;
  const auto stats = compute_profile(store.db(), TimeZone::named("UTC"), Period::all()).to_json();
  const std::string text = offline_narrative(stats);
  EXPECT_NE(text.find("no listening in this period"), std::string::npos) << text;
}

TEST(OfflineNarratorTest, OnePlayIsSingular) {
  testing::ListeningStore store;
  store.play(store.track("Song", "Solo"), TimeZone::named("UTC").utc_ms(2024, 1, 2, 9), 4 * kMinute);
  const std::string text =
      offline_narrative(compute_profile(store.db(), TimeZone::named("UTC"), Period::all()).to_json());
  EXPECT_NE(text.find("Solo (1 play)"), std::string::npos) << text;
  EXPECT_EQ(text.find("1 plays"), std::string::npos) << text;
}

}  // namespace
}  // namespace sonic::insight
