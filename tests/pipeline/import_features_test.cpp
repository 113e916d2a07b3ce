// The feature import's bookkeeping across files: every row in one count, later catalogs
// replacing earlier ones, a bad file stopping the run (or not), and the human tally.
#include "sonic/pipeline/import_features.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "sonic/store/schema.hpp"
#include "support/temp_dir.hpp"

namespace sonic::pipeline {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::write_file;

constexpr const char* kTrack = "AAAAAAAAAAAAAAAAAAAAAA";

class ImportFeaturesTest : public ::testing::Test {
 protected:
  ImportFeaturesTest() : db_(store::Database::in_memory()) {
    store::migrate(db_);
    db_.exec(
        "INSERT INTO artists (id, name, name_key) VALUES (1, 'A', 'a');"
        "INSERT INTO tracks (id, spotify_id, name, artist_id, name_key) VALUES "
        "  (1, 'AAAAAAAAAAAAAAAAAAAAAA', 'One', 1, 'a one'), (2, 'BBBBBBBBBBBBBBBBBBBBBB', 'Two', 1, 'a two');"
        "INSERT INTO plays (track_id, start_ms, end_ms, ms_played, is_short, source) VALUES "
        "  (1, 0, 200000, 200000, 0, 'extended'), (2, 300000, 500000, 200000, 0, 'extended');");
  }
  fs::path csv(const std::string& name, const std::string& text) { return write_file(dir_ / name, text); }
  TempDir dir_;
  store::Database db_;
};

TEST_F(ImportFeaturesTest, EveryRowLandsInExactlyOneCountAndLaterCatalogsWin) {
  const auto first = csv("first.csv", std::string("uri,valence\nspotify:track:") + kTrack + ",0.25\n");
  const auto second = csv("second.csv", std::string("id,valence,energy\n") + kTrack + ",0.75,\n" + kTrack +
                                            ",0.5,0.5\nZZZZZZZZZZZZZZZZZZZZZZ,0.5,0.5\n"
                                            "nope,0.5,0.5\nCCCCCCCCCCCCCCCCCCCCCC,-0.5,0.5\n");
  const FeatureImportResult report = import_features(db_, {first, second}, {});
  const FeatureTally& t = report.tally;
  EXPECT_EQ(t.files, 2);
  EXPECT_EQ(t.rows, 6);
  EXPECT_EQ(t.stored, 2);  // once per file: the second file's values replace the first's
  EXPECT_EQ(t.duplicates, 1);
  EXPECT_EQ(t.matched, 3);
  EXPECT_EQ(t.not_in_history, 1);
  EXPECT_EQ(t.skipped, (std::map<std::string, std::int64_t>{{"bad_track_id", 1}, {"bad_value", 1}}));
  EXPECT_EQ(t.rows, t.matched + t.not_in_history + t.skipped_total());
  EXPECT_EQ(db_.scalar("SELECT round(valence * 100) FROM audio_features WHERE track_id = 1"), 50);
  EXPECT_EQ(db_.scalar("SELECT count(*) FROM audio_features WHERE source = 'catalog:second.csv'"), 1);
  EXPECT_EQ(report.coverage.tracks, 2);
  EXPECT_EQ(report.coverage.tracks_with_features, 1);
  EXPECT_EQ(report.to_text(),
            "2 files, 6 rows read: 3 for tracks in your history (2 stored, 1 repeating a track of "
            "the same file), 1 for tracks not in it, 2 skipped (bad_track_id: 1, bad_value: 1)\n"
            "  audio features now cover 1 of 2 tracks you have listened to (50.0%)\n");
}

// Tracks 3 and 4 have no Spotify ID (a basic export): only their names can find them.
TEST_F(ImportFeaturesTest, RowsNotInTheHistoryByIdAreMatchedByNameElseLendTheirArtistsMean) {
  db_.exec(
      "INSERT INTO artists (id, name, name_key) VALUES (2, 'Bee', 'bee');"
      "INSERT INTO tracks (id, spotify_id, name, artist_id, name_key) VALUES "
      "  (3, NULL, 'Three', 1, 'a' || char(31) || 'three'), (4, NULL, 'Four', 2, 'bee' || char(31) || 'four');"
      "INSERT INTO plays (track_id, start_ms, end_ms, ms_played, is_short, source) VALUES "
      "  (3, 600000, 800000, 200000, 0, 'basic'), (4, 900000, 1000000, 100000, 0, 'basic');");
  const auto catalog = csv("hits.csv", std::string("id,track_name,track_artist,valence,energy\n") + kTrack +
                                           ",One,A,0.9,0.9\n"
                                           "ZZZZZZZZZZZZZZZZZZZZZZ,THREE,\"A, Someone\",0.25,0.5\n"
                                           "YYYYYYYYYYYYYYYYYYYYYY,Other Song,Bee,0.5,0.25\n"
                                           "XXXXXXXXXXXXXXXXXXXXXX,Another,Bee feat. C,0.75,0.75\n"
                                           "WWWWWWWWWWWWWWWWWWWWWW,Nobody's,Nobody,0.1,0.1\n");
  FeatureImportOptions ids_only;
  ids_only.match_names = false;
  const auto by_id = import_features(db_, {catalog}, ids_only);
  EXPECT_EQ(by_id.tally.matched, 1);
  EXPECT_EQ(by_id.tally.matched_by_name, 0);
  EXPECT_EQ(by_id.tally.not_in_history, 4);
  EXPECT_EQ(by_id.tracks_from_catalog_artists, 0);
  EXPECT_EQ(db_.scalar("SELECT count(*) FROM audio_features"), 1);

  const auto report = import_features(db_, {catalog}, {});
  EXPECT_EQ(report.tally.matched, 1);
  EXPECT_EQ(report.tally.matched_by_name, 1);  // Three, by A (the first of two artists)
  EXPECT_EQ(report.tally.not_in_history, 3);
  EXPECT_EQ(report.tally.rows, report.tally.matched + report.tally.matched_by_name + report.tally.not_in_history);
  // Four: Bee's two catalog songs, valence (0.5 + 0.75) / 2, energy (0.25 + 0.75) / 2. A's mean
  // exists too (no song of A outside the history: none), but every track of A has features.
  EXPECT_EQ(report.tracks_from_catalog_artists, 1);
  EXPECT_EQ(db_.scalar("SELECT source = 'catalog_name:hits.csv' AND round(valence * 100) = 25 FROM audio_features "
                       "WHERE track_id = 3"),
            1);
  EXPECT_EQ(db_.scalar("SELECT source = 'catalog_artist' AND round(valence * 1000) = 625 AND round(energy * 100) = 50 "
                       "FROM audio_features WHERE track_id = 4"),
            1);
  EXPECT_EQ(report.coverage.tracks_with_features, 3);  // track 2 is in no catalog, by ID or name
  EXPECT_EQ(report.to_json()["matched_by_name"], 1);
  EXPECT_EQ(report.to_json()["tracks_from_catalog_artists"], 1);
  EXPECT_NE(report.to_text().find("1 matched to your tracks by artist and title"), std::string::npos)
      << report.to_text();
}

TEST_F(ImportFeaturesTest, ABadFileStopsTheRunUnlessKeepGoing) {
  const auto good = csv("good.csv", std::string("id,valence\n") + kTrack + ",0.25\n");
  const auto bad = csv("bad.csv", "id,valence\n\"open,0.5\n");
  try {
    import_features(db_, {good, bad}, {});
    ADD_FAILURE() << "the bad file was accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()), bad.string() +
                                             ": line 2: a quoted field that starts here is never closed (the files "
                                             "before it were imported; --keep-going imports the others too)");
  }
  EXPECT_EQ(db_.scalar("SELECT count(*) FROM audio_features"), 1);

  FeatureImportOptions keep_going;
  keep_going.keep_going = true;
  const auto report = import_features(db_, {bad, good}, keep_going);
  ASSERT_EQ(report.failures.size(), 1u);
  EXPECT_EQ(report.failures[0].file, bad.string());
  EXPECT_EQ(report.tally.files, 1);
  EXPECT_EQ(report.to_json()["failed"][0]["file"], bad.string());
}

}  // namespace
}  // namespace sonic::pipeline
