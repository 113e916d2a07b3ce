#pragma once
// A hand-made dashboard with every section filled, and names chosen to break renderers: markup,
// a terminal escape, table pipes, wide characters and a very long name.
#include <nlohmann/json.hpp>
#include <string>

namespace sonic::report::testing {

inline constexpr const char* kScriptName = "<script>alert(1)</script>";
inline constexpr const char* kEscapeName = "Evil\x1b[2JClear";

inline nlohmann::json sample_dashboard() {
  nlohmann::json dashboard = nlohmann::json::parse(R"json({
    "format": "sonic.dashboard/1", "generated": "2024-06-01T12:00:00.000Z",
    "time_zone": "Europe/Berlin",
    "period": {"name": "all time", "days": null, "year": null, "from": "2023-01-04T08:00:00.000Z",
               "to": "2024-05-31T21:58:00.001Z"},
    "overview": {"listens": 12345, "plays": 13000, "hours": 823.44, "tracks": 4321, "artists": 1234,
                 "days_with_listens": 301, "from": "2023-01-04T08:00:00.000Z",
                 "to": "2024-05-31T22:00:00.000Z", "time_zone": "Europe/Berlin"},
    "mood_over_time": {"bucket": "month", "moods": ["calm", "happy", "sad"], "clusters": ["c0", "c1"],
      "buckets": [
        {"start": "2024-04-01", "label": "2024-04", "listens": 100,
         "moods": {"calm": 0.5, "happy": 0.3, "sad": 0.2}, "clusters": {"c0": 0.6, "c1": 0.4}},
        {"start": "2024-05-01", "label": "2024-05", "listens": 0, "moods": {}, "clusters": {}}],
      "total": {"listens": 100, "listens_with_mood": 100, "listens_with_cluster": 100,
                "moods": {"calm": 0.5, "happy": 0.3, "sad": 0.2}, "clusters": {"c0": 0.6, "c1": 0.4}}},
    "clusters": {"model_id": "m1", "items": [
      {"cluster": 0, "label": "calm, acoustic", "size": 10, "listens": 60, "valence": 0.3,
       "energy": 0.2, "points": [[0.2, 0.1], [0.4, 0.3]]},
      {"cluster": 1, "label": "<b>loud</b>", "size": 5, "listens": 40, "valence": 0.8,
       "energy": 0.9, "points": [[0.9, 0.95]]}]},
    "top_tracks": [{"name": "Song | with pipe", "artist": "A*rtist_", "listens": 9, "hours": 0.5}],
    "models": [{"experiment": "mood", "run_id": "r1", "run_name": "brave-owl", "status": "FINISHED",
                "start": "2024-05-30T10:00:00.000Z", "end": null,
                "metrics": {"accuracy": 0.8123, "macro_f1": 0.7712, "val_loss": 0.4433,
                            "train_loss": 0.3012, "log_loss": 0.5, "brier": 0.12},
                "headline": {"accuracy": 0.8123, "macro_f1": 0.7712}}],
    "segments": {"boundaries": {"morning": 5, "afternoon": 12, "evening": 17, "night": 22}, "segments": [
      {"name": "Weekday morning", "minutes": 1200, "share": 0.8, "listens": 300,
       "moods": {"calm": 0.6, "happy": 0.4}, "clusters": {"c0": 1.0}, "valence": 0.412, "energy": null,
       "danceability": null, "top_artists": ["<script>alert(1)</script>", "Alpha", "Beta", "Gamma"]},
      {"name": "Weekend night", "minutes": 300, "share": 0.2, "listens": 75, "moods": {"sad": 0.7, "calm": 0.3},
       "clusters": {}, "valence": null, "energy": null, "danceability": null, "top_artists": []}]},
    "drift": {"recent_days": 7, "baseline_days": 30, "end": "2024-05-31T21:58:00.001Z", "threshold": 0.2,
      "flags": [
      {"metric": "sessions_per_day", "label": "sessions per day", "recent": 3.9, "baseline": 3.1,
       "change": 0.258},
      {"metric": "start_hour_entropy", "label": "start-hour entropy", "recent": 2.0,
       "baseline": 2.6, "change": -0.23},
      {"metric": "mood_mix", "label": "mood mix (share moved)", "recent": null, "baseline": null,
       "change": 0.35}]},
    "narrative": {"narrator": "offline", "text": "", "cached": false}
  })json");
  nlohmann::json minutes = nlohmann::json::array();
  for (int day = 0; day < 7; ++day) {
    nlohmann::json row = nlohmann::json::array();
    for (int hour = 0; hour < 24; ++hour) row.push_back(day == 4 && hour == 21 ? 120.0 : hour % 5 * 6.0);
    minutes.push_back(row);
  }
  dashboard["genres"] = {{"listens", 200},
                         {"listens_with_genre", 150},
                         {"known_share", 0.75},
                         {"hours", 10.0},
                         {"hours_with_genre", 8.0},
                         {"by_source", {{"lastfm_track", 100}, {"catalog_artist", 50}}},
                         {"top",
                          {{{"genre", kScriptName}, {"hours", 4.0}, {"share", 0.5}},
                           {{"genre", "drum | bass"}, {"hours", 2.0}, {"share", 0.25}},
                           {{"genre", kEscapeName}, {"hours", 2.0}, {"share", 0.25}}}},
                         {"descriptors", {{{"descriptor", "female vocalists"}, {"hours", 3.0}, {"share", 0.6}}}},
                         {"years",
                          {{{"year", 2024},
                            {"listens", 200},
                            {"listens_with_genre", 150},
                            {"hours", 10.0},
                            {"hours_with_genre", 8.0},
                            {"top", {{{"genre", "drum | bass"}, {"hours", 2.0}, {"share", 0.25}}}}}}},
                         {"times_of_day",
                          {{{"time_of_day", "night"},
                            {"from_hour", 22},
                            {"to_hour", 5},
                            {"listens", 20},
                            {"listens_with_genre", 10},
                            {"hours", 1.0},
                            {"hours_with_genre", 0.5},
                            {"top", {{{"genre", kScriptName}, {"hours", 0.5}, {"share", 1.0}}}}}}}};
  dashboard["heatmap"] = {{"unit", "minutes"},
                          {"weekdays", {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}},
                          {"minutes", minutes},
                          {"max", 120.0}};
  dashboard["top_artists"] = {{{"name", kScriptName}, {"listens", 120}, {"hours", 8.2}},
                              {{"name", kEscapeName}, {"listens", 60}, {"hours", 4.0}},
                              {{"name", "坂本龍一と東京フィルハーモニー交響楽団と仲間たち長い名前のオーケストラ"},
                               {"listens", 30},
                               {"hours", 2.0}},
                              {{"name", std::string(200, 'x')}, {"listens", 3}, {"hours", 0.1}}};
  nlohmann::json hours = nlohmann::json::array();
  for (int i = 0; i < 24; ++i) {
    hours.push_back(
        {{"start", "2024-06-01T12:00:00.000Z"}, {"hour", (14 + i) % 24}, {"probability", i == 5 ? 0.72 : i * 0.02}});
  }
  nlohmann::json likeliest = hours[5];
  likeliest["reasons"] = {
      {{"factor", "time_of_day"}, {"contribution", 0.8}, {"text", "you often start a session around 19:00"}},
      {{"factor", "day_of_week"}, {"contribution", 0.2}, {"text", std::string("you listen more on ") + kScriptName}}};
  dashboard["forecast"] = {{"from", "2024-06-01T12:00:00.000Z"},
                           {"model_id", "s1"},
                           {"time_zone", "Europe/Berlin"},
                           {"hours", hours},
                           {"likeliest", {likeliest}}};
  std::string text;
  for (int i = 0; i < 40; ++i) text += "Your evenings belong to " + std::string(kScriptName) + " and calm songs. ";
  dashboard["narrative"]["text"] =
      text + "\n\nA second paragraph with a supercalifragilisticexpialidocious" + std::string(100, 'o') + " word.";
  return dashboard;
}

}  // namespace sonic::report::testing
