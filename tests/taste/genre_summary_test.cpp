// Genres by listening time from a real SQLite file: Last.fm tags of a track and of an artist, and
// a catalog's genre column by Spotify ID and by artist, each folded by the one canonicaliser.
#include "sonic/taste/genre_summary.hpp"

#include <gtest/gtest.h>

#include "sonic/pipeline/catalog_import.hpp"
#include "sonic/pipeline/import_history.hpp"
#include "sonic/store/schema.hpp"
#include "support/temp_dir.hpp"

namespace sonic::taste {
namespace {

constexpr double kHour = 1.0;

// Five listens (UTC starts): One 2023-06-01 08:00 for 60 min (morning), Two 2024-01-10 20:00
// (evening), Three 23:00 (night), Four 2024-01-11 13:00 and Five 2024-01-12 14:00 (afternoon), 30
// min each; and a 5 s skip of One that counts nowhere.
class GenreSummaryTest : public ::testing::Test {
 protected:
  GenreSummaryTest() : db_(store::open_store(dir_ / "sonic.db")) {
    const auto history = testing::write_file(dir_ / "Streaming_History_Audio_0.json", R"([
      {"ts":"2023-06-01T09:00:00Z","ms_played":3600000,"master_metadata_track_name":"One","master_metadata_album_artist_name":"Alpha","spotify_track_uri":"spotify:track:1aaaaaaaaaaaaaaaaaaaaa"},
      {"ts":"2023-06-01T09:10:00Z","ms_played":5000,"master_metadata_track_name":"One","master_metadata_album_artist_name":"Alpha","spotify_track_uri":"spotify:track:1aaaaaaaaaaaaaaaaaaaaa"},
      {"ts":"2024-01-10T20:30:00Z","ms_played":1800000,"master_metadata_track_name":"Two","master_metadata_album_artist_name":"Beta","spotify_track_uri":"spotify:track:2bbbbbbbbbbbbbbbbbbbbb"},
      {"ts":"2024-01-10T23:30:00Z","ms_played":1800000,"master_metadata_track_name":"Three","master_metadata_album_artist_name":"Gamma","spotify_track_uri":"spotify:track:3ccccccccccccccccccccc"},
      {"ts":"2024-01-11T13:30:00Z","ms_played":1800000,"master_metadata_track_name":"Four","master_metadata_album_artist_name":"Delta","spotify_track_uri":"spotify:track:4ddddddddddddddddddddd"},
      {"ts":"2024-01-12T14:30:00Z","ms_played":1800000,"master_metadata_track_name":"Five","master_metadata_album_artist_name":"Épsilon","spotify_track_uri":"spotify:track:5eeeeeeeeeeeeeeeeeeeee"}
    ])");
    pipeline::import_history(db_, {history}, {});
    // One's own tags: indie 100 and its variant 50 → 2/3 and 1/3; "seen live" is dropped, "female
    // vocalists" is a descriptor. Beta's tags: hip hop, and a year (dropped).
    db_.exec(R"sql(
INSERT INTO track_tags (track_id, tag, count) SELECT id, 'indie', 100 FROM tracks WHERE name = 'One';
INSERT INTO track_tags (track_id, tag, count) SELECT id, 'Indie-Rock', 50 FROM tracks WHERE name = 'One';
INSERT INTO track_tags (track_id, tag, count) SELECT id, 'seen live', 100 FROM tracks WHERE name = 'One';
INSERT INTO track_tags (track_id, tag, count) SELECT id, 'female vocalists', 80 FROM tracks WHERE name = 'One';
INSERT INTO artist_tags (artist_id, tag, count) SELECT id, 'hip hop', 100 FROM artists WHERE name = 'Beta';
INSERT INTO artist_tags (artist_id, tag, count) SELECT id, '2010', 50 FROM artists WHERE name = 'Beta';
)sql");
    // A catalog: Three by its ID (two genres, one spelt "Hip-Hop"); Epsilon through another track
    // of theirs (the accent and case differ from the history); a row naming Delta beside Zeta gives
    // Delta nothing; a row without genres and one for Alpha (who has Last.fm tags: those win).
    const auto catalog = testing::write_file(dir_ / "catalogs/genres.csv",
                                             "id,name,artists,danceability,artist_genres\n"
                                             "3ccccccccccccccccccccc,Three,Gamma,0.5,\"['Hip-Hop', 'rnb']\"\n"
                                             "6fffffffffffffffffffff,Other,epsilon,0.5,\"['shoegaze']\"\n"
                                             "7ggggggggggggggggggggg,Duet,\"['Delta', 'Zeta']\",0.5,\"['polka']\"\n"
                                             "8hhhhhhhhhhhhhhhhhhhhh,Quiet,Delta,0.5,\n"
                                             "9iiiiiiiiiiiiiiiiiiiii,Else,Alpha,0.5,['polka']\n");
    pipeline::import_catalog(db_, {catalog}, {});
  }

  testing::TempDir dir_;
  store::Database db_;
};

TEST_F(GenreSummaryTest, EachSourceInTurnAndTimeSplitByGenreShares) {
  const auto data = load_listening_data(db_);
  const auto summary = summarize_genres(data, TimeZone::named("UTC"), {});
  EXPECT_EQ(summary.listens, 5);
  EXPECT_EQ(summary.listens_with_genre, 4);  // Four (Delta) has none
  EXPECT_DOUBLE_EQ(summary.hours, 3.0 * kHour);
  EXPECT_DOUBLE_EQ(summary.hours_with_genre, 2.5 * kHour);
  const std::map<std::string, std::int64_t> sources = {
      {"lastfm_track", 1}, {"lastfm_artist", 1}, {"catalog_track", 1}, {"catalog_artist", 1}};
  EXPECT_EQ(summary.listens_by_source, sources);
  // hip hop: Two's 0.5 h + half of Three's 0.5 h; indie 2/3 of One's hour; shoegaze Five's 0.5 h.
  ASSERT_EQ(summary.top.size(), 5u);
  const std::vector<std::pair<std::string, double>> expected = {
      {"hip hop", 0.75}, {"indie", 2.0 / 3.0}, {"shoegaze", 0.5}, {"indie rock", 1.0 / 3.0}, {"r&b", 0.25}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(summary.top[i].name, expected[i].first) << i;
    EXPECT_NEAR(summary.top[i].hours, expected[i].second, 1e-12) << i;
    EXPECT_NEAR(summary.top[i].share, expected[i].second / 2.5, 1e-12) << i;
  }
  ASSERT_EQ(summary.descriptors.size(), 1u);
  EXPECT_EQ(summary.descriptors[0].name, "female vocalists");
  EXPECT_DOUBLE_EQ(summary.descriptors[0].hours, 1.0);
  EXPECT_DOUBLE_EQ(summary.descriptors[0].share, 1.0);
}

TEST_F(GenreSummaryTest, ByYearAndByTimeOfDay) {
  const auto summary = summarize_genres(load_listening_data(db_), TimeZone::named("UTC"), {});
  ASSERT_EQ(summary.years.size(), 2u);
  EXPECT_EQ(summary.years[0].label, "2023");
  EXPECT_EQ(summary.years[0].listens, 1);
  ASSERT_EQ(summary.years[0].top.size(), 2u);
  EXPECT_EQ(summary.years[0].top[0].name, "indie");
  EXPECT_NEAR(summary.years[0].top[0].share, 2.0 / 3.0, 1e-12);
  const GenreSlice& y2024 = summary.years[1];
  EXPECT_EQ(y2024.listens, 4);
  EXPECT_EQ(y2024.listens_with_genre, 3);
  EXPECT_DOUBLE_EQ(y2024.hours, 2.0);
  EXPECT_DOUBLE_EQ(y2024.hours_with_genre, 1.5);
  ASSERT_EQ(y2024.top.size(), 3u);
  EXPECT_EQ(y2024.top[0].name, "hip hop");
  EXPECT_NEAR(y2024.top[0].share, 0.5, 1e-12);
  EXPECT_EQ(y2024.top[1].name, "shoegaze");
  EXPECT_NEAR(y2024.top[1].share, 1.0 / 3.0, 1e-12);
  EXPECT_EQ(y2024.top[2].name, "r&b");

  ASSERT_EQ(summary.times_of_day.size(), 4u);
  const auto& [morning, afternoon, evening, night] =
      std::tie(summary.times_of_day[0], summary.times_of_day[1], summary.times_of_day[2], summary.times_of_day[3]);
  EXPECT_EQ(morning.label, "morning");
  EXPECT_EQ(morning.top[0].name, "indie");
  EXPECT_EQ(afternoon.listens, 2);  // Four and Five
  EXPECT_EQ(afternoon.listens_with_genre, 1);
  ASSERT_EQ(afternoon.top.size(), 1u);
  EXPECT_EQ(afternoon.top[0].name, "shoegaze");
  EXPECT_DOUBLE_EQ(afternoon.top[0].share, 1.0);
  EXPECT_EQ(evening.top[0].name, "hip hop");
  ASSERT_EQ(night.top.size(), 2u);  // Three at 23:00: half and half, ties by name
  EXPECT_EQ(night.top[0].name, "hip hop");
  EXPECT_EQ(night.top[1].name, "r&b");
  EXPECT_DOUBLE_EQ(night.top[1].share, 0.5);
}

TEST_F(GenreSummaryTest, LocalTimeAndPeriodDecideTheSlices) {
  const auto data = load_listening_data(db_);
  // In Tokyo (+9) One starts at 17:00 (evening) and Three at 08:00 the next day (morning).
  const auto tokyo = summarize_genres(data, TimeZone::named("Asia/Tokyo"), {});
  EXPECT_EQ(tokyo.times_of_day[2].top[0].name, "indie");
  EXPECT_EQ(tokyo.times_of_day[0].top[0].name, "hip hop");
  // Only 2024: One is out.
  const auto year = summarize_genres(data, TimeZone::named("UTC"),
                                     {.from_ms = 1'704'067'200'000, .to_ms = 1'735'689'600'000, .top = 2});
  EXPECT_EQ(year.listens, 4);
  EXPECT_EQ(year.listens_with_genre, 3);
  ASSERT_EQ(year.top.size(), 2u);
  EXPECT_EQ(year.top[1].name, "shoegaze");
  EXPECT_TRUE(year.descriptors.empty());
  EXPECT_EQ(year.listens_by_source.count("lastfm_track"), 0u);
}

TEST_F(GenreSummaryTest, JsonCarriesCoverageAndRoundedFigures) {
  const auto json = to_json(summarize_genres(load_listening_data(db_), TimeZone::named("UTC"), {}));
  EXPECT_EQ(json["listens"], 5);
  EXPECT_EQ(json["listens_with_genre"], 4);
  EXPECT_DOUBLE_EQ(json["known_share"].get<double>(), 0.8);
  EXPECT_EQ(json["top"][0]["genre"], "hip hop");
  EXPECT_DOUBLE_EQ(json["top"][0]["hours"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(json["top"][1]["hours"].get<double>(), 0.67);
  EXPECT_DOUBLE_EQ(json["top"][1]["share"].get<double>(), 0.2667);
  EXPECT_EQ(json["descriptors"][0]["descriptor"], "female vocalists");
  EXPECT_EQ(json["years"][1]["year"], 2024);
  EXPECT_EQ(json["times_of_day"][3]["time_of_day"], "night");
  EXPECT_EQ(json["times_of_day"][3]["from_hour"], 22);
  EXPECT_EQ(json["times_of_day"][3]["to_hour"], 5);
  EXPECT_EQ(json["by_source"]["catalog_artist"], 1);
}

TEST(GenreSummary, NoListensNoGenres) {
  const auto summary = summarize_genres(make_listening_data({}, {}, {}, {}), TimeZone::named("UTC"), {});
  EXPECT_EQ(summary.listens, 0);
  EXPECT_TRUE(summary.top.empty());
  EXPECT_EQ(summary.times_of_day.size(), 4u);
  EXPECT_EQ(to_json(summary)["known_share"], 0.0);
}

}  // namespace
}  // namespace sonic::taste
