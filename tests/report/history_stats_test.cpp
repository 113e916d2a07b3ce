#include "sonic/report/history_stats_format.hpp"

#include <gtest/gtest.h>

#include "sonic/core/utc_time.hpp"
#include "sonic/pipeline/import_history.hpp"
#include "sonic/store/schema.hpp"
#include "support/temp_dir.hpp"

namespace sonic::report {
namespace {

// Four listens and a skip by two artists, across a DST change, imported through the real path.
class HistoryStatsTest : public ::testing::Test {
 protected:
  HistoryStatsTest() : db_(store::Database::in_memory()) {
    store::migrate(db_);
    const auto file = testing::write_file(dir_ / "Streaming_History_Audio_0.json", R"([
      {"ts":"2023-12-31T22:30:00Z","ms_played":200000,"master_metadata_track_name":"One","master_metadata_album_artist_name":"Alpha","spotify_track_uri":"spotify:track:1aaaaaaaaaaaaaaaaaaaaa"},
      {"ts":"2024-03-30T22:30:00Z","ms_played":200000,"master_metadata_track_name":"One","master_metadata_album_artist_name":"Alpha","spotify_track_uri":"spotify:track:1aaaaaaaaaaaaaaaaaaaaa"},
      {"ts":"2024-03-31T22:30:00Z","ms_played":100000,"master_metadata_track_name":"Two","master_metadata_album_artist_name":"Beta","spotify_track_uri":"spotify:track:2bbbbbbbbbbbbbbbbbbbbb"},
      {"ts":"2024-03-31T22:40:00Z","ms_played":100000,"master_metadata_track_name":"One","master_metadata_album_artist_name":"Alpha","spotify_track_uri":"spotify:track:1aaaaaaaaaaaaaaaaaaaaa"},
      {"ts":"2024-03-31T22:41:00Z","ms_played":5000,"master_metadata_track_name":"Two","master_metadata_album_artist_name":"Beta","spotify_track_uri":"spotify:track:2bbbbbbbbbbbbbbbbbbbbb"}
    ])");
    pipeline::import_history(db_, {file}, {});
    db_.exec(
        "INSERT INTO audio_features (track_id, source, valence, updated_ms) "
        "SELECT id, 'catalog:test.csv', 0.5, 0 FROM tracks WHERE name = 'One'");
  }
  testing::TempDir dir_;
  store::Database db_;
};

TEST_F(HistoryStatsTest, CountsListensNotSkips) {
  const auto stats = compute_history_stats(db_, TimeZone::named("Europe/Berlin"));
  EXPECT_EQ(stats.plays, 5);
  EXPECT_EQ(stats.listens, 4);
  EXPECT_EQ(stats.short_plays, 1);
  EXPECT_DOUBLE_EQ(stats.hours, 600000.0 / 3'600'000.0);
  EXPECT_EQ(stats.tracks, 2);
  EXPECT_EQ(stats.artists, 2);
  ASSERT_EQ(stats.top_artists.size(), 2u);
  EXPECT_EQ(stats.top_artists[0].name, "Alpha");
  EXPECT_EQ(stats.top_artists[0].listens, 3);
  EXPECT_EQ(stats.top_tracks[0].name, "One");
  EXPECT_EQ(stats.top_tracks[0].detail, "Alpha");
}

TEST_F(HistoryStatsTest, LocalHoursFollowDaylightSaving) {
  const auto stats = compute_history_stats(db_, TimeZone::named("Europe/Berlin"));
  // Starts (UTC): 22:26:40 in winter -> 23 local; 22:26:40 on 30 March (still CET) -> 23;
  // 22:28:20 and 22:38:20 on 31 March (CEST) -> 00 local on 1 April.
  EXPECT_EQ(stats.listens_by_hour[23], 2);
  EXPECT_EQ(stats.listens_by_hour[0], 2);
  // Sunday 31 Dec 2023, Saturday 30 March, Monday 1 April twice.
  EXPECT_EQ(stats.listens_by_weekday[6], 1);
  EXPECT_EQ(stats.listens_by_weekday[5], 1);
  EXPECT_EQ(stats.listens_by_weekday[0], 2);
  // The same listens in UTC all fall at 22 h.
  EXPECT_EQ(compute_history_stats(db_, TimeZone::named("UTC")).listens_by_hour[22], 4);
}

TEST_F(HistoryStatsTest, YearsAreLocalYears) {
  const auto stats = compute_history_stats(db_, TimeZone::named("Europe/Berlin"));
  ASSERT_EQ(stats.years.size(), 2u);  // the New Year's Eve listen is 2023 in Berlin
  EXPECT_EQ(stats.years[0].year, 2023);
  EXPECT_EQ(stats.years[0].listens, 1);
  EXPECT_EQ(stats.years[1].year, 2024);
  EXPECT_EQ(stats.years[1].listens, 3);
  EXPECT_EQ(stats.years[1].distinct_tracks, 2);
  EXPECT_EQ(stats.years[1].top_artist, "Alpha");
}

TEST_F(HistoryStatsTest, FeatureCoverageBySource) {
  const auto stats = compute_history_stats(db_, TimeZone::named("UTC"));
  EXPECT_EQ(stats.features.tracks, 2);
  EXPECT_EQ(stats.features.tracks_with_features, 1);
  EXPECT_EQ(stats.features.listens_with_features, 3);
  EXPECT_EQ(stats.features.tracks_by_source.at("catalog:test.csv"), 1);
  const auto json = to_json(stats);
  EXPECT_DOUBLE_EQ(json["audio_features"]["tracks_percent"].get<double>(), 50.0);
  EXPECT_NE(to_text(stats).find("1 of 2 tracks"), std::string::npos);
}

TEST_F(HistoryStatsTest, TotalsCountEveryKindBySource) {
  // Beside the five extended plays: an API listen of a known track, an API skip and a podcast
  // episode from the basic export. Only the listen joins the listening figures.
  db_.exec(
      "INSERT INTO plays (track_id, start_ms, end_ms, ms_played, is_short, source) "
      "SELECT id, 1719792000000, 1719792180000, 180000, 0, 'api' FROM tracks WHERE name = 'Two';"
      "INSERT INTO plays (track_id, start_ms, end_ms, ms_played, is_short, source) "
      "SELECT id, 1719792180000, 1719792190000, 10000, 1, 'api' FROM tracks WHERE name = 'Two';"
      "INSERT INTO episodes (id, name_key, kind, name) VALUES (1, 'show - one', 'podcast', 'One');"
      "INSERT INTO plays (episode_id, start_ms, end_ms, ms_played, is_short, source) "
      "VALUES (1, 1719800000000, 1719801800000, 1800000, 0, 'basic');");
  const auto stats = compute_history_stats(db_, TimeZone::named("UTC"));
  EXPECT_EQ(stats.plays, 8);
  EXPECT_EQ(stats.listens, 5);
  EXPECT_EQ(stats.short_plays, 2);
  EXPECT_EQ(stats.episode_plays, 1);
  EXPECT_EQ(stats.plays_by_source, (std::map<std::string, std::int64_t>{{"api", 2}, {"basic", 1}, {"extended", 5}}));
  EXPECT_DOUBLE_EQ(stats.hours, 780000.0 / 3'600'000.0);
  EXPECT_EQ(stats.last_ms, 1719792180000);  // the API listen's end; the episode is no listen
  ASSERT_EQ(stats.top_artists.size(), 2u);  // Alpha 3 listens (500 s), Beta 2 (280 s)
  EXPECT_EQ(stats.top_artists[1].name, "Beta");
  EXPECT_EQ(stats.top_artists[1].listens, 2);
  EXPECT_DOUBLE_EQ(stats.top_artists[1].hours, 280000.0 / 3'600'000.0);
}

TEST_F(HistoryStatsTest, ArtistTiesGoToTheName) {
  // One more listen of Beta's track ties Beta with Alpha at 3: Alpha first by name.
  db_.exec(
      "INSERT INTO plays (track_id, start_ms, end_ms, ms_played, is_short, source) "
      "SELECT id, 1719792000000, 1719792180000, 180000, 0, 'api' FROM tracks WHERE name = 'Two'");
  const auto stats = compute_history_stats(db_, TimeZone::named("UTC"), 1);
  ASSERT_EQ(stats.top_artists.size(), 1u);
  EXPECT_EQ(stats.top_artists[0].name, "Alpha");
  EXPECT_EQ(stats.top_artists[0].listens, 3);
}

TEST(HistoryStats, EmptyStoreSaysWhatToDo) {
  store::Database db = store::Database::in_memory();
  store::migrate(db);
  const auto stats = compute_history_stats(db, TimeZone::named("UTC"));
  EXPECT_EQ(stats.plays, 0);
  EXPECT_NE(to_text(stats).find("sonic import"), std::string::npos);
  EXPECT_TRUE(to_json(stats)["first"].is_null());
}

}  // namespace
}  // namespace sonic::report
