#include "sonic/pipeline/model_registry.hpp"
#include "sonic/report/dashboard_models.hpp"
#include "sonic/report/dashboard.hpp"

#include <gtest/gtest.h>

#include "sonic/pipeline/import_history.hpp"
#include "sonic/store/schema.hpp"
#include "support/synthetic_history.hpp"
#include "support/temp_dir.hpp"

namespace sonic::report {
namespace {

constexpr int kMonday = 0, kSaturday = 5, kSunday = 6;

// Five listens and a skip by two artists in Berlin, around New Year and the spring-forward night.
class DashboardTest : public ::testing::Test {
 protected:
  DashboardTest() : db_(store::Database::in_memory()) {
    store::migrate(db_);
    const auto file = testing::write_file(dir_ / "Streaming_History_Audio_0.json", R"([
      {"ts":"2023-12-31T22:30:00Z","ms_played":200000,"master_metadata_track_name":"One","master_metadata_album_artist_name":"Alpha","spotify_track_uri":"spotify:track:1aaaaaaaaaaaaaaaaaaaaa"},
      {"ts":"2023-12-31T23:40:00Z","ms_played":200000,"master_metadata_track_name":"Two","master_metadata_album_artist_name":"Beta","spotify_track_uri":"spotify:track:2bbbbbbbbbbbbbbbbbbbbb"},
      {"ts":"2024-01-01T00:10:00Z","ms_played":200000,"master_metadata_track_name":"Two","master_metadata_album_artist_name":"Beta","spotify_track_uri":"spotify:track:2bbbbbbbbbbbbbbbbbbbbb"},
      {"ts":"2024-03-30T12:00:00Z","ms_played":180000,"master_metadata_track_name":"Three","master_metadata_album_artist_name":"Alpha","spotify_track_uri":"spotify:track:3ccccccccccccccccccccc"},
      {"ts":"2024-03-31T01:02:00Z","ms_played":240000,"master_metadata_track_name":"One","master_metadata_album_artist_name":"Alpha","spotify_track_uri":"spotify:track:1aaaaaaaaaaaaaaaaaaaaa"},
      {"ts":"2024-03-31T02:00:00Z","ms_played":5000,"master_metadata_track_name":"Two","master_metadata_album_artist_name":"Beta","spotify_track_uri":"spotify:track:2bbbbbbbbbbbbbbbbbbbbb"}
    ])");
    pipeline::import_history(db_, {file}, {});
    db_.exec(R"sql(
      INSERT INTO audio_features (track_id, source, valence, energy, updated_ms)
        SELECT id, 'demo', CASE name WHEN 'One' THEN 0.2 WHEN 'Two' THEN 0.8 ELSE 0.6 END,
               CASE name WHEN 'One' THEN 0.3 WHEN 'Two' THEN 0.9 ELSE 0.7 END, 0 FROM tracks;
      INSERT INTO mood_clusters VALUES (0, 'soft', 1, '{}', 'm1'), (1, 'loud', 2, '{}', 'm1');
      INSERT INTO track_clusters (track_id, cluster, distance, model_id) SELECT id, CASE name WHEN 'One' THEN 0 ELSE 1 END, 0.5, 'm1' FROM tracks;
      INSERT INTO track_moods SELECT id, CASE name WHEN 'One' THEN 'calm' ELSE 'happy' END, 0.9, 'c1', 0
        FROM tracks WHERE name <> 'Three';
    )sql");
  }

  nlohmann::json dashboard(const std::string& period = "all", std::optional<int> year = std::nullopt) {
    return build_dashboard(db_, berlin_, insight::Period::parse(period, year), {.now_ms = 1'700'000'000'000});
  }

  testing::TempDir dir_;
  store::Database db_;
  TimeZone berlin_ = TimeZone::named("Europe/Berlin");
};

TEST_F(DashboardTest, OverviewCountsListensOfThePeriod) {
  const auto o = dashboard()["overview"];
  EXPECT_EQ(o["listens"], 5);
  EXPECT_EQ(o["plays"], 6);
  EXPECT_DOUBLE_EQ(o["hours"].get<double>(), 0.28);  // 1,020,000 ms
  EXPECT_EQ(o["tracks"], 3);
  EXPECT_EQ(o["artists"], 2);
  EXPECT_EQ(o["from"], "2023-12-31T22:26:40.000Z");
  EXPECT_EQ(o["to"], "2024-03-31T01:02:00.000Z");
  EXPECT_EQ(o["days_with_listens"], 4);  // 31 Dec, 1 Jan (twice), 30 and 31 March, in Berlin
  EXPECT_EQ(o["time_zone"], "Europe/Berlin");
}

TEST_F(DashboardTest, HeatmapIsInLocalTimeAcrossDaylightSaving) {
  const auto minutes = dashboard()["heatmap"]["minutes"];
  EXPECT_DOUBLE_EQ(minutes[kSunday][23].get<double>(), 3.3);  // 23:26 CET on New Year's Eve
  EXPECT_DOUBLE_EQ(minutes[kMonday][0].get<double>(), 3.3);   // 00:36 CET, already 2024
  EXPECT_DOUBLE_EQ(minutes[kMonday][1].get<double>(), 3.3);
  EXPECT_DOUBLE_EQ(minutes[kSaturday][12].get<double>(), 3.0);
  EXPECT_DOUBLE_EQ(minutes[kSunday][1].get<double>(), 2.0);  // 01:58 CET …
  EXPECT_DOUBLE_EQ(minutes[kSunday][2].get<double>(), 0.0);  // … the hour that never was …
  EXPECT_DOUBLE_EQ(minutes[kSunday][3].get<double>(), 2.0);  // … 03:00 CEST
  double total = 0;
  for (const auto& day : minutes)
    for (const auto& cell : day) total += cell.get<double>();
  EXPECT_NEAR(total, 17.0, 0.11);  // 1,020,000 ms, less the rounding to tenths
}

TEST_F(DashboardTest, LastDaysCountFromTheNewestListen) {
  const auto last7 = dashboard("7");
  EXPECT_EQ(last7["overview"]["listens"], 2);
  EXPECT_EQ(last7["period"]["name"], "last 7 days");
  EXPECT_EQ(last7["top_tracks"].size(), 2u);
}

TEST_F(DashboardTest, AYearInReviewUsesTheLocalYear) {
  EXPECT_EQ(dashboard("all", 2023)["overview"]["listens"], 1);  // 23:40 UTC is 00:40 in Berlin
  EXPECT_EQ(dashboard("all", 2024)["overview"]["listens"], 4);
  EXPECT_EQ(dashboard("all", 2022)["overview"]["listens"], 0);
  EXPECT_EQ(dashboard("all", 2022)["overview"]["from"], nullptr);
}

TEST_F(DashboardTest, MoodsAndClustersByWeek) {
  const auto section = dashboard()["mood_over_time"];
  EXPECT_EQ(section["bucket"], "week");  // 91 days
  EXPECT_EQ(section["moods"], nlohmann::json({"calm", "happy"}));
  EXPECT_EQ(section["clusters"], nlohmann::json({"soft", "loud"}));  // by cluster number
  const auto& buckets = section["buckets"];
  ASSERT_EQ(buckets.size(), 14u);  // the weeks of 25 Dec 2023 … 25 March 2024, empty ones too
  EXPECT_EQ(buckets[0]["start"], "2023-12-25");
  EXPECT_EQ(buckets[0]["moods"], nlohmann::json({{"calm", 1.0}}));
  EXPECT_EQ(buckets[1]["listens"], 2);
  EXPECT_EQ(buckets[5]["listens"], 0);
  EXPECT_EQ(buckets[13]["start"], "2024-03-25");
  EXPECT_EQ(buckets[13]["moods"], nlohmann::json({{"calm", 1.0}}));  // Three has no mood
  EXPECT_EQ(buckets[13]["clusters"], nlohmann::json({{"loud", 0.5}, {"soft", 0.5}}));
  EXPECT_EQ(section["total"]["listens_with_mood"], 4);
  EXPECT_EQ(section["total"]["clusters"], nlohmann::json({{"loud", 0.6}, {"soft", 0.4}}));
}

TEST_F(DashboardTest, ClustersSitAtTheirMembersMeanFeatures) {
  const auto section = dashboard()["clusters"];
  EXPECT_EQ(section["model_id"], "m1");
  ASSERT_EQ(section["items"].size(), 2u);
  const auto& loud = section["items"][1];
  EXPECT_EQ(loud["label"], "loud");
  EXPECT_EQ(loud["listens"], 3);
  EXPECT_DOUBLE_EQ(loud["valence"].get<double>(), 0.7);
  EXPECT_DOUBLE_EQ(loud["energy"].get<double>(), 0.8);
  EXPECT_EQ(loud["points"].size(), 2u);
  // In the last 7 days only Three of the loud tracks was heard.
  EXPECT_EQ(dashboard("7")["clusters"]["items"][1]["points"], nlohmann::json({{0.6, 0.7}}));
}

TEST_F(DashboardTest, TopListsBreakTiesByName) {
  const auto d = dashboard();
  EXPECT_EQ(d["top_artists"][0]["name"], "Alpha");
  EXPECT_EQ(d["top_artists"][0]["listens"], 3);
  EXPECT_EQ(d["top_tracks"][0]["name"], "One");
  EXPECT_EQ(d["top_tracks"][1]["name"], "Two");
  EXPECT_EQ(d["top_tracks"][1]["artist"], "Beta");
}

TEST_F(DashboardTest, CallerSectionsPassThroughAndMissingOnesAreNull) {
  DashboardInputs inputs;
  inputs.narrative = nlohmann::json{{"narrator", "offline"}, {"text", "Hi."}};
  const auto d = build_dashboard(db_, berlin_, insight::Period::all(), inputs);
  EXPECT_EQ(d["narrative"]["text"], "Hi.");
  EXPECT_EQ(d["forecast"], nullptr);
  EXPECT_EQ(d["segments"], nullptr);
  EXPECT_EQ(d["format"], kDashboardFormat);
  EXPECT_EQ(d["models"], nlohmann::json::array());
}

TEST(Dashboard, EmptyStoreGivesEmptySections) {
  store::Database db = store::Database::in_memory();
  store::migrate(db);
  const auto d = build_dashboard(db, TimeZone::named("UTC"), insight::Period::all(), {});
  EXPECT_EQ(d["overview"]["listens"], 0);
  EXPECT_EQ(d["heatmap"]["max"], 0.0);
  EXPECT_TRUE(d["mood_over_time"]["buckets"].empty());
  EXPECT_TRUE(d["clusters"]["items"].empty());
  EXPECT_TRUE(d["top_artists"].empty());
}

TEST(Dashboard, ScatterSampleIsCappedAndDeterministic) {
  testing::TempDir dir;
  store::Database db = store::Database::in_memory();
  store::migrate(db);
  pipeline::import_history(db, {testing::write_extended_history(dir.path(), testing::synthetic_tracks(200, 7))}, {});
  db.exec(
      "INSERT INTO audio_features (track_id, source, valence, energy, updated_ms) "
      "SELECT id, 'demo', id / 1000.0, 0.5, 0 FROM tracks;"
      "INSERT INTO mood_clusters VALUES (0, 'all', 200, '{}', 'm');"
      "INSERT INTO track_clusters (track_id, cluster, distance, model_id) SELECT id, 0, 0, 'm' FROM tracks;");
  const auto first = build_dashboard(db, TimeZone::named("UTC"), insight::Period::all(), {});
  const auto& points = first["clusters"]["items"][0]["points"];
  EXPECT_EQ(points.size(), 80u);
  EXPECT_DOUBLE_EQ(points[0][0].get<double>(), static_cast<double>(db.scalar("SELECT min(id) FROM tracks")) / 1000.0);
  EXPECT_EQ(build_dashboard(db, TimeZone::named("UTC"), insight::Period::all(), {})["clusters"], first["clusters"]);
}

TEST(ModelsSection, LatestFinishedRunOfEachExperiment) {
  using tracking::RunStatus;
  const auto run = [](const char* experiment, const char* id, RunStatus status) {
    tracking::RunSummary summary;
    summary.experiment = experiment;
    summary.run_id = id;
    summary.status = status;
    return summary;
  };
  std::vector<tracking::RunSummary> runs = {
      run("mood", "new-failed", RunStatus::failed), run("session", "s-failed", RunStatus::failed),
      run("mood", "finished", RunStatus::finished), run("mood", "old", RunStatus::finished)};
  runs[2].metrics = {{"accuracy", 0.8}, {"cv_accuracy", 0.81}, {"train_loss", 0.3}};
  runs[1].metrics = {{"made_up", 1.0}};
  const auto section = models_section(runs, pipeline::headline_metrics());
  ASSERT_EQ(section.size(), 2u);
  EXPECT_EQ(section[0]["experiment"], "mood");
  EXPECT_EQ(section[0]["run_id"], "finished");
  EXPECT_EQ(section[0]["metrics"]["accuracy"], 0.8);
  // Reports show the mood net's headline metrics only; an unknown experiment shows them all.
  EXPECT_EQ(section[0]["headline"], nlohmann::json({{"cv_accuracy", 0.81}}));
  EXPECT_EQ(section[1]["headline"], nlohmann::json::object());  // session: none of its own metrics
  EXPECT_EQ(section[0]["status"], "FINISHED");
  EXPECT_EQ(section[1]["run_id"], "s-failed");  // nothing finished: the failure is worth seeing
  EXPECT_EQ(section[1]["end"], nullptr);
}

}  // namespace
}  // namespace sonic::report
