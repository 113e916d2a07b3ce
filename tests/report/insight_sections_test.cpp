#include "sonic/report/insight_sections.hpp"

#include <gtest/gtest.h>

namespace sonic::report {
namespace {

// A profile as insight::Profile::to_json() writes it, cut to one segment.
nlohmann::json profile_json(std::int64_t plays) {
  nlohmann::json profile = nlohmann::json::parse(R"json({
    "period": {"description": "all time", "from": "2024-01-01T00:00:00.000Z", "to": "2024-02-01T00:00:00.000Z",
               "from_ms": 1704067200000, "to_ms": 1706745600000, "time_zone": "UTC"},
    "segment_boundaries": {"morning": 5, "afternoon": 12, "evening": 17, "night": 22},
    "overall": {"hours": 2.5, "share": 1, "plays": 0, "mood_mix": {}, "cluster_mix": {}},
    "segments": [{"name": "weekday morning", "time_of_day": "morning", "day_type": "weekday",
                  "hours": 1.25, "share": 0.5, "plays": 20, "mood_mix": {"calm": 0.75, "happy": 0.25},
                  "cluster_mix": {"soft": 1}, "mean_valence": 0.412, "mean_energy": null,
                  "mean_danceability": 0.5,
                  "top_artists": [{"name": "Alpha", "plays": 12, "hours": 0.8}, {"name": "Beta", "plays": 8, "hours": 0.45}],
                  "top_tracks": [{"name": "One", "artist": "Alpha", "plays": 12}],
                  "vs_overall": {"valence": 0.01, "energy": null, "danceability": 0, "mood_mix": {}, "cluster_mix": {}}}]
  })json");
  profile["overall"]["plays"] = plays;
  return profile;
}

TEST(SegmentsSection, ReshapesInsightsProfile) {
  const auto section = segments_section(profile_json(40));
  EXPECT_EQ(section["boundaries"]["evening"], 17);
  ASSERT_EQ(section["segments"].size(), 1u);
  const auto& morning = section["segments"][0];
  EXPECT_EQ(morning["name"], "Weekday morning");
  EXPECT_DOUBLE_EQ(morning["minutes"].get<double>(), 75.0);  // 1.25 hours
  EXPECT_DOUBLE_EQ(morning["share"].get<double>(), 0.5);
  EXPECT_EQ(morning["listens"], 20);
  EXPECT_EQ(morning["moods"], nlohmann::json({{"calm", 0.75}, {"happy", 0.25}}));
  EXPECT_EQ(morning["clusters"], nlohmann::json({{"soft", 1}}));
  EXPECT_DOUBLE_EQ(morning["valence"].get<double>(), 0.412);
  EXPECT_EQ(morning["energy"], nullptr);
  EXPECT_EQ(morning["top_artists"], nlohmann::json({"Alpha", "Beta"}));
}

TEST(SegmentsSection, NoListensIsNull) {
  EXPECT_EQ(segments_section(profile_json(0)), nullptr);
  EXPECT_EQ(segments_section(nlohmann::json::object()), nullptr);
}

nlohmann::json metric(nlohmann::json recent, nlohmann::json baseline, nlohmann::json change, bool flagged) {
  return {{"recent", recent}, {"baseline", baseline}, {"change", change}, {"flagged", flagged}};
}

nlohmann::json drift_json() {
  nlohmann::json hours = nlohmann::json::array();
  for (int i = 0; i < 24; ++i) hours.push_back(i == 20 ? 1.0 : 0.0);
  return {{"window",
           {{"time_zone", "UTC"},
            {"recent_days", 7},
            {"baseline_days", 30},
            {"baseline_from", "2024-01-01T00:00:00.000Z"},
            {"recent_from", "2024-01-31T00:00:00.000Z"},
            {"end", "2024-02-07T00:00:00.000Z"},
            {"end_ms", 1707264000000},
            {"threshold", 0.2}}},
          {"metrics",
           {{"session_minutes", metric(40.0, 30.0, 0.333, true)},
            {"sessions_per_day", metric(2.0, 2.1, -0.048, false)},
            {"tracks_per_day", metric(nullptr, 10.0, nullptr, false)},
            {"start_hour_entropy", metric(1.0, 2.0, -0.5, true)},
            {"start_hours", metric(hours, hours, 0.0, false)},
            {"mood_mix", metric({{"calm", 1.0}}, {{"sad", 1.0}}, 1.0, true)}}},
          {"flags", {"session_minutes", "start_hour_entropy", "mood_mix"}}};
}

TEST(DriftSection, FlagsInOrderWithLabelsAndNoFiguresForDistributions) {
  const auto section = drift_section(drift_json());
  EXPECT_EQ(section["recent_days"], 7);
  EXPECT_EQ(section["baseline_days"], 30);
  EXPECT_EQ(section["end"], "2024-02-07T00:00:00.000Z");
  EXPECT_DOUBLE_EQ(section["threshold"].get<double>(), 0.2);
  const auto& flags = section["flags"];
  ASSERT_EQ(flags.size(), 3u);
  EXPECT_EQ(flags[0], nlohmann::json({{"metric", "session_minutes"},
                                      {"label", "session length (minutes)"},
                                      {"recent", 40.0},
                                      {"baseline", 30.0},
                                      {"change", 0.333}}));
  EXPECT_EQ(flags[1]["metric"], "start_hour_entropy");
  EXPECT_DOUBLE_EQ(flags[1]["change"].get<double>(), -0.5);
  EXPECT_EQ(flags[2]["metric"], "mood_mix");
  EXPECT_EQ(flags[2]["recent"], nullptr) << "a distribution is not a number to print";
  EXPECT_EQ(flags[2]["baseline"], nullptr);
  EXPECT_DOUBLE_EQ(flags[2]["change"].get<double>(), 1.0);
}

TEST(DriftSection, NothingComparedIsNullButNothingFlaggedIsNot) {
  nlohmann::json drift = drift_json();
  for (auto& [name, value] : drift["metrics"].items()) value = metric(nullptr, nullptr, nullptr, false);
  EXPECT_EQ(drift_section(drift), nullptr);
  drift["metrics"]["tracks_per_day"] = metric(10.0, 10.0, 0.0, false);
  const auto calm = drift_section(drift);
  ASSERT_TRUE(calm.is_object());
  EXPECT_TRUE(calm["flags"].empty());
}

TEST(NarrativeSection, SaysWhichNarrator) {
  const insight::Narrative narrative{"Hello.", "openai:gpt-4o-mini", true, std::nullopt};
  EXPECT_EQ(narrative_section(narrative),
            nlohmann::json({{"narrator", "openai:gpt-4o-mini"}, {"text", "Hello."}, {"cached", true}}));
}

}  // namespace
}  // namespace sonic::report
