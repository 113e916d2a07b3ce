#include "sonic/playlist/prompt_parser.hpp"

#include <gtest/gtest.h>

#include <string>

#include "sonic/core/error.hpp"

namespace sonic::playlist {
namespace {

Constraints parse(const std::string& prompt) { return parse_prompt(prompt).constraints; }

FeatureRange range_of(const Constraints& constraints, const std::string& feature) {
  const auto found = constraints.ranges.find(feature);
  EXPECT_NE(found, constraints.ranges.end()) << feature;
  return found == constraints.ranges.end() ? FeatureRange{-1, -1} : found->second;
}

TEST(PromptParserTest, HighEnergyMorningIsAnEnergyRangeAndATimeOfDay) {
  const auto parsed = parse_prompt("give me high energy morning music");
  EXPECT_EQ(parsed.constraints.ranges.size(), 1u);
  EXPECT_EQ(range_of(parsed.constraints, "energy"), (FeatureRange{0.7, 1.0}));
  EXPECT_EQ(parsed.constraints.time_of_day, "morning");
  EXPECT_FALSE(parsed.constraints.day_type);
  EXPECT_TRUE(parsed.notes.unknown.empty());
  EXPECT_EQ(parsed.notes.matched, (std::vector<std::string>{"high energy", "morning"}));
  EXPECT_EQ(parsed.constraints.size.songs, 25);  // the lexicon's default
  EXPECT_EQ(parsed.constraints.ordering, Ordering::steady);
}

TEST(PromptParserTest, NegationTakesTheLargerSideOutsideTheRange) {
  // sad: valence 0..0.35, so "not sad" is 0.35..1 and keeps no mood label.
  const auto constraints = parse("not sad");
  EXPECT_EQ(range_of(constraints, "valence"), (FeatureRange{0.35, 1.0}));
  EXPECT_FALSE(constraints.mood);
  // energetic: 0.7..1, so "not energetic" is 0..0.7.
  EXPECT_EQ(range_of(parse("not energetic"), "energy"), (FeatureRange{0.0, 0.7}));
  // A negation reaches over filler words but not past an unknown word or the entry it negates.
  EXPECT_EQ(range_of(parse("not too fast"), "tempo"), (FeatureRange{40, 120}));
  EXPECT_EQ(range_of(parse("not sad but happy"), "valence"), (FeatureRange{0.65, 1.0}));
  EXPECT_EQ(range_of(parse("without banjo sad"), "valence"), (FeatureRange{0.0, 0.35}));
}

TEST(PromptParserTest, APhraseBeatsItsWordsAndNegationWords) {
  EXPECT_EQ(range_of(parse("no vocals"), "instrumentalness"), (FeatureRange{0.5, 1.0}));  // not "not vocals"
  const auto workout = parse("work out");
  EXPECT_EQ(range_of(workout, "energy"), (FeatureRange{0.75, 1.0}));
  EXPECT_FALSE(workout.ranges.contains("instrumentalness"));  // "work" alone would add it
}

TEST(PromptParserTest, TyposWithinOneEditAreReadAndReported) {
  const auto parsed = parse_prompt("hihg enrgy gym mix");
  EXPECT_EQ(range_of(parsed.constraints, "energy"), (FeatureRange{0.75, 1.0}));  // high energy ∩ gym
  EXPECT_EQ(range_of(parsed.constraints, "tempo"), (FeatureRange{120, 220}));
  EXPECT_EQ(parsed.notes.corrected, (std::vector<std::string>{"hihg enrgy -> high energy"}));
  EXPECT_TRUE(parsed.notes.unknown.empty());
  // Two edits only from seven letters on; short words must be exact.
  EXPECT_EQ(parse("instrumantl").ranges.count("instrumentalness"), 1u);
  EXPECT_EQ(parse_prompt("hpy").notes.unknown, (std::vector<std::string>{"hpy"}));
  EXPECT_EQ(parse_prompt("chll").notes.corrected, (std::vector<std::string>{"chll -> chill"}));
}

TEST(PromptParserTest, UnknownWordsAreReportedOnceInPromptOrder) {
  const auto parsed = parse_prompt("jazzy sad banjo, jazzy");
  EXPECT_EQ(parsed.notes.unknown, (std::vector<std::string>{"jazzy", "banjo"}));
  EXPECT_EQ(parsed.constraints.mood, "sad");
}

TEST(PromptParserTest, SizesInSongsAndDurations) {
  EXPECT_EQ(parse("20 songs").size.songs, 20);
  EXPECT_FALSE(parse("20 songs").size.minutes);
  EXPECT_EQ(parse("twenty tracks").size.songs, 20);
  EXPECT_EQ(parse("an hour of chill").size.minutes, 60);
  EXPECT_EQ(parse("half an hour").size.minutes, 30);
  EXPECT_EQ(parse("1.5 hours").size.minutes, 90);
  EXPECT_EQ(parse("90 min").size.minutes, 90);
  EXPECT_EQ(parse("a couple of hours").size.minutes, 120);
  EXPECT_EQ(range_of(parse("128 bpm"), "tempo"), (FeatureRange{118, 138}));
  EXPECT_DOUBLE_EQ(parse("30% new").discovery_share, 0.3);
  EXPECT_DOUBLE_EQ(parse("some new songs").discovery_share, 0.3);
  EXPECT_DOUBLE_EQ(parse("nothing new").discovery_share, 0.0);
}

TEST(PromptParserTest, TimesDayTypesMoodsAndOrderings) {
  const auto constraints = parse("sleepy sunday that winds down");
  EXPECT_EQ(constraints.day_type, "weekend");
  EXPECT_EQ(constraints.mood, "calm");
  EXPECT_EQ(parse("party on a saturday night").time_of_day, "night");
  EXPECT_EQ(parse("friday night").day_type, "weekday");  // as insight's segments count Friday 23:00
  EXPECT_EQ(parse("not weekend").day_type, "weekday");
  EXPECT_EQ(parse("build up from calm").ordering, Ordering::build_up);
  EXPECT_EQ(parse("wind down before bed").ordering, Ordering::wind_down);
  EXPECT_FALSE(parse("not morning").time_of_day);
}

TEST(PromptParserTest, RangesOfTwoEntriesIntersectAndAConflictKeepsTheLater) {
  // calm energy 0..0.45, chill 0..0.55: both hold on 0..0.45.
  EXPECT_EQ(range_of(parse("calm chill"), "energy"), (FeatureRange{0.0, 0.45}));
  const auto parsed = parse_prompt("calm workout");
  EXPECT_EQ(range_of(parsed.constraints, "energy"), (FeatureRange{0.75, 1.0}));
  ASSERT_EQ(parsed.notes.conflicts.size(), 2u);  // energy and the mood
  EXPECT_NE(parsed.notes.conflicts[0].find("energy"), std::string::npos);
  // A written number outranks a word: running's tempo 140..190 does not overlap 120 bpm.
  const auto numbered = parse_prompt("120 bpm running songs");
  EXPECT_EQ(range_of(numbered.constraints, "tempo"), (FeatureRange{110, 130}));
  EXPECT_EQ(numbered.notes.conflicts,
            (std::vector<std::string>{"tempo: 'running' does not overlap the number asked for; kept the number"}));
  EXPECT_EQ(range_of(parse("fast, 150 bpm"), "tempo"), (FeatureRange{140, 160}));  // overlapping: intersected
}

TEST(PromptParserTest, BadPromptsAreUsageErrorsThatSayWhy) {
  auto message = [](const std::string& prompt) {
    try {
      parse_prompt(prompt);
    } catch (const UsageError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(message("").find("empty"), std::string::npos);
  EXPECT_NE(message("  \t\n ").find("empty"), std::string::npos);
  EXPECT_NE(message(std::string(10'000, 'a')).find("10000 characters long; at most 2000"), std::string::npos);
  EXPECT_NE(message("sad\x07songs").find("control character (0x07 at character 4)"), std::string::npos);
  EXPECT_NE(message("sad\x1b[31m").find("control character (0x1B"), std::string::npos);
  EXPECT_NE(message("0 songs").find("asks for 0 songs; a playlist holds 1 to 500 songs"), std::string::npos);
  EXPECT_NE(message("10000 songs").find("asks for 10000 songs"), std::string::npos);
  EXPECT_NE(message("0 minutes").find("0 minutes of music"), std::string::npos);
  EXPECT_NE(message("100 hours").find("6000 minutes"), std::string::npos);
  EXPECT_EQ(message("tabs\tand\nlines are spaces"), "accepted");
  EXPECT_EQ(message(std::string(2000, 'a')), "accepted");
  // Characters, not bytes: 2000 two-byte letters are within the limit.
  std::string accented;
  for (int i = 0; i < 2000; ++i) accented += "\xC3\xA9";
  EXPECT_EQ(message(accented), "accepted");
}

TEST(PromptParserTest, WordsOfOtherScriptsAreUnknownNotDropped) {
  EXPECT_EQ(parse_prompt("música triste").notes.unknown, (std::vector<std::string>{"música", "triste"}));
}

TEST(PromptParserTest, EditDistanceCountsATranspositionAsOneEdit) {
  EXPECT_EQ(edit_distance("hihg", "high"), 1);
  EXPECT_EQ(edit_distance("enrgy", "energy"), 1);
  EXPECT_EQ(edit_distance("", "abc"), 3);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3);
  EXPECT_EQ(edit_distance("same", "same"), 0);
}

TEST(PromptParserTest, ConstraintsJsonHasEveryFieldInAFixedShape) {
  const auto json = to_json(parse("calm morning, 10 songs, build up"));
  EXPECT_EQ(json["ranges"]["energy"], nlohmann::json::array({0.0, 0.45}));
  EXPECT_EQ(json["time_of_day"], "morning");
  EXPECT_TRUE(json["day_type"].is_null());
  EXPECT_EQ(json["mood"], "calm");
  EXPECT_EQ(json["size"]["songs"], 10);
  EXPECT_TRUE(json["size"]["minutes"].is_null());
  EXPECT_EQ(json["ordering"], "build_up");
  EXPECT_EQ(json["discovery_share"], 0.0);
  EXPECT_EQ(json["source"], "parser");
}

}  // namespace
}  // namespace sonic::playlist
