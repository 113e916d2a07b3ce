// `sonic import-features` end to end: the tally, the rows it stores, exit codes, a malformed
// catalog leaving the store unchanged, --keep-going, --overwrite, coverage in `sonic stats`,
// the demo, and every real catalog in ../shared against a real history.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "sonic/store/database.hpp"
#include "support/run_sonic.hpp"
#include "support/shared_data.hpp"
#include "support/store_fingerprint.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

namespace fs = std::filesystem;

std::string catalog(const std::string& name) { return test_data("features/" + name).string(); }

class ImportFeaturesE2e : public ::testing::Test {
 protected:
  RunResult sonic(std::vector<std::string> args) {
    args.insert(args.begin(), {"--home", home_.path().string()});
    return run_sonic(args);
  }
  // Tracks 0aaa… (listened), 0bbb… (a 12 s play only), 1fff… (listened) and one basic-export
  // track with no Spotify ID (listened): three tracks with listens.
  void import_history() {
    const auto result = sonic({"import", test_data("import/Streaming_History_Audio_2023-2024_0.json").string(),
                               test_data("import/endsong_0.json").string(),
                               test_data("import/StreamingHistory_music_0.json").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }
  fs::path database() const { return home_ / "sonic.db"; }
  std::int64_t scalar(const std::string& sql) {
    auto db = store::Database::open_read_only(database());
    return db.scalar(sql);
  }
  TempDir home_;
};

TEST_F(ImportFeaturesE2e, StoresTheRowsOfKnownTracksAndTalliesEveryRow) {
  import_history();
  const auto result = sonic({"import-features", catalog("catalog.csv"), "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto tally = nlohmann::json::parse(result.out);
  EXPECT_EQ(tally["files"], 1);
  EXPECT_EQ(tally["rows"], 9);
  EXPECT_EQ(tally["matched"], 4);
  EXPECT_EQ(tally["stored"], 3);
  EXPECT_EQ(tally["duplicates"], 1);
  EXPECT_EQ(tally["not_in_history"], 2);
  EXPECT_EQ(tally["skipped"], nlohmann::json({{"bad_value", 2}, {"no_track_id", 1}}));
  EXPECT_EQ(tally["coverage"]["tracks"], 3);
  EXPECT_EQ(tally["coverage"]["tracks_with_features"], 2);
  EXPECT_NE(result.err.find("9 rows read"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("cover 2 of 3 tracks"), std::string::npos) << result.err;

  EXPECT_EQ(scalar("SELECT count(*) FROM audio_features"), 3);
  EXPECT_EQ(scalar("SELECT count(*) FROM audio_features WHERE source = 'catalog:catalog.csv'"), 3);
  // The later row of a track wins; keyed by its URI when the ID cell is blank.
  EXPECT_EQ(scalar("SELECT round(valence * 100) FROM audio_features f JOIN tracks t ON t.id = f.track_id "
                   "WHERE t.spotify_id = '0aaaaaaaaaaaaaaaaaaaaa'"),
            35);
  EXPECT_EQ(scalar("SELECT round(tempo) FROM audio_features f JOIN tracks t ON t.id = f.track_id "
                   "WHERE t.spotify_id = '0aaaaaaaaaaaaaaaaaaaaa'"),
            120);
  // key -1 (no key detected) and an empty cell are both missing.
  EXPECT_EQ(scalar("SELECT key IS NULL FROM audio_features f JOIN tracks t ON t.id = f.track_id "
                   "WHERE t.spotify_id = '0bbbbbbbbbbbbbbbbbbbbb'"),
            1);
  EXPECT_EQ(scalar("SELECT energy IS NULL AND key = 7 FROM audio_features f JOIN tracks t "
                   "ON t.id = f.track_id WHERE t.spotify_id = '1fffffffffffffffffffff'"),
            1);
  EXPECT_EQ(scalar("SELECT count(*) FROM audio_features WHERE updated_ms < 1700000000000"), 0);

  const auto stats = sonic({"stats", "--json"});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  const auto features = nlohmann::json::parse(stats.out)["audio_features"];
  EXPECT_EQ(features["tracks_with_features"], 2);
  EXPECT_EQ(features["tracks_by_source"], nlohmann::json({{"catalog:catalog.csv", 2}}));
}

TEST_F(ImportFeaturesE2e, AMalformedCatalogExitsThreeNamingFileAndLineAndChangesNothing) {
  import_history();
  ASSERT_EQ(sonic({"import-features", catalog("catalog.csv")}).exit_code, 0);
  struct Case {
    const char* file;
    const char* message;
  };
  const Case cases[] = {
      {"bad/unterminated_quote.csv", "unterminated_quote.csv: line 3: a quoted field that starts here is never closed"},
      {"bad/wrong_field_count.csv", "wrong_field_count.csv: line 3: 4 fields, but the header has 3"},
      {"bad/genre_averages.csv", "genre_averages.csv: no Spotify track ID column"},
      {"bad/no_feature_columns.csv", "no_feature_columns.csv: no audio-feature column"},
  };
  for (const Case& bad : cases) {
    const std::string before = store_fingerprint(database());
    const auto result = sonic({"import-features", catalog(bad.file), "--json"});
    EXPECT_EQ(result.exit_code, 3) << bad.file;
    EXPECT_NE(result.err.find(bad.message), std::string::npos) << result.err;
    EXPECT_TRUE(result.out.empty()) << result.out;
    EXPECT_EQ(store_fingerprint(database()), before) << bad.file;
  }
}

TEST_F(ImportFeaturesE2e, KeepGoingImportsTheOthersAndStillExitsThree) {
  import_history();
  const auto result = sonic(
      {"import-features", catalog("catalog.csv"), catalog("bad/unterminated_quote.csv"), "--keep-going", "--json"});
  EXPECT_EQ(result.exit_code, 3);
  const auto tally = nlohmann::json::parse(result.out);
  EXPECT_EQ(tally["files"], 1);
  EXPECT_EQ(tally["stored"], 3);
  ASSERT_EQ(tally["failed"].size(), 1u);
  EXPECT_NE(tally["failed"][0]["file"].get<std::string>().find("unterminated_quote.csv"), std::string::npos);
  // Not even the good row before the break in the bad file replaced the first file's values.
  EXPECT_EQ(scalar("SELECT count(*) FROM audio_features WHERE source <> 'catalog:catalog.csv'"), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM audio_features"), 3);
}

TEST_F(ImportFeaturesE2e, AServicesFeaturesAreKeptUnlessOverwriteIsGiven) {
  import_history();
  ASSERT_EQ(sonic({"import-features", catalog("catalog.csv")}).exit_code, 0);
  {
    auto db = store::Database::open(database());
    db.exec("UPDATE audio_features SET source = 'reccobeats', valence = 0.01");
  }
  const auto kept = sonic({"import-features", catalog("catalog.csv"), "--json"});
  ASSERT_EQ(kept.exit_code, 0) << kept.err;
  EXPECT_EQ(nlohmann::json::parse(kept.out)["kept_service_values"], 3);
  EXPECT_EQ(nlohmann::json::parse(kept.out)["stored"], 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM audio_features WHERE source = 'reccobeats'"), 3);

  const auto replaced = sonic({"import-features", catalog("catalog.csv"), "--overwrite", "--json"});
  ASSERT_EQ(replaced.exit_code, 0) << replaced.err;
  EXPECT_EQ(nlohmann::json::parse(replaced.out)["stored"], 3);
  EXPECT_EQ(scalar("SELECT count(*) FROM audio_features WHERE source = 'reccobeats'"), 0);
}

TEST_F(ImportFeaturesE2e, WithoutAStoreItAsksForTheHistoryFirst) {
  const auto result = sonic({"import-features", catalog("catalog.csv")});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("import your Spotify history first"), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(database()));
  EXPECT_EQ(sonic({"import-features"}).exit_code, 2);
  EXPECT_EQ(sonic({"import-features", "/no/such/catalog.csv"}).exit_code, 2);
}

TEST(ImportFeaturesDemo, TheDemoImportsItsFeaturesAndCoversEveryTrack) {
  TempDir out;
  const auto result = run_sonic({"demo", "--out", out.path().string(), "--days", "30", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["features"]["not_in_history"].get<int>() + json["features"]["matched"].get<int>(),
            json["features"]["rows"].get<int>());
  const auto coverage = json["stats"]["audio_features"];
  EXPECT_GT(coverage["tracks"].get<int>(), 100);
  EXPECT_EQ(coverage["tracks_with_features"], coverage["tracks"]);
  EXPECT_EQ(coverage["tracks_by_source"], nlohmann::json({{"catalog:audio_features.csv", coverage["tracks"]}}));

  const auto text = run_sonic({"--home", json["home"].get<std::string>(), "stats"});
  const std::string tracks = std::to_string(coverage["tracks"].get<int>());
  EXPECT_NE(text.out.find("Audio features: " + tracks + " of " + tracks + " tracks"), std::string::npos) << text.out;
}

// A real person's history and every real catalog with track IDs: the data README says 4-25% of
// a person's tracks are in these catalogs. Exactly: 379 of anton's 6,015 listened tracks (6.3%).
TEST(ImportFeaturesRealData, RealCatalogsCoverASmallShareOfARealHistory) {
  SONIC_SHARED_DATA_OR_SKIP(history, "histories/extended/anton");
  SONIC_SHARED_DATA_OR_SKIP(catalogs, "catalogs");
  TempDir home;
  const auto imported = run_sonic({"--home", home.path().string(), "import", history.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;

  std::vector<std::string> args = {"--home", home.path().string(), "import-features", "--json", "--ids-only"};
  for (const char* file :
       {"hit-predictor/dataset-of-60s.csv", "hit-predictor/dataset-of-70s.csv", "hit-predictor/dataset-of-80s.csv",
        "hit-predictor/dataset-of-90s.csv", "hit-predictor/dataset-of-00s.csv", "hit-predictor/dataset-of-10s.csv",
        "liked-bartek/audio_features.csv", "popularity-yashdave/high_popularity_spotify_data.csv",
        "popularity-yashdave/low_popularity_spotify_data.csv"}) {
    args.push_back((catalogs / file).string());
  }
  const auto result = run_sonic(args);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto tally = nlohmann::json::parse(result.out);
  EXPECT_EQ(tally["rows"], 51707);
  EXPECT_EQ(tally["skipped"], nlohmann::json({{"no_features", 1}}));
  const double percent = tally["coverage"]["tracks_percent"].get<double>();
  EXPECT_GE(percent, 4.0);
  EXPECT_LE(percent, 25.0);
  // Matched by an independent count of the same IDs (pandas over the same files).
  EXPECT_EQ(tally["coverage"]["tracks_with_features"], 379);
  EXPECT_EQ(tally["coverage"]["tracks"], 6015);

  // By name too (the default): the ID matches stay, and the rest come only from names and means.
  args.erase(std::find(args.begin(), args.end(), "--ids-only"));
  const auto by_name = run_sonic(args);
  ASSERT_EQ(by_name.exit_code, 0) << by_name.err;
  const auto stats = run_sonic({"--home", home.path().string(), "stats", "--json"});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  const auto coverage = nlohmann::json::parse(stats.out)["audio_features"];
  std::int64_t by_id = 0;
  std::int64_t named = 0;
  for (const auto& [source, tracks] : coverage["tracks_by_source"].items()) {
    if (source.starts_with("catalog:")) by_id += tracks.get<std::int64_t>();
    if (source.starts_with("catalog_name:") || source == "catalog_artist") named += tracks.get<std::int64_t>();
  }
  EXPECT_EQ(by_id, 379);
  EXPECT_GT(named, 0);
  EXPECT_EQ(coverage["tracks_with_features"].get<std::int64_t>(), by_id + named);
}

}  // namespace
}  // namespace sonic::testing
