// `sonic import` end to end: the tally, idempotence, every bad-input case (message, exit code,
// store unchanged), --keep-going, --dry-run, and a kill in the middle of an import.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <thread>

#include "sonic/core/utc_time.hpp"
#include "sonic/store/database.hpp"
#include "sonic/store/schema.hpp"
#include "support/run_sonic.hpp"
#include "support/sonic_process.hpp"
#include "support/shared_data.hpp"
#include "support/store_fingerprint.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

namespace fs = std::filesystem;

std::string fixture(const std::string& name) { return test_data("import/" + name).string(); }

class ImportE2e : public ::testing::Test {
 protected:
  RunResult sonic(std::vector<std::string> args) {
    args.insert(args.begin(), {"--home", home_.path().string()});
    return run_sonic(args);
  }
  fs::path database() const { return home_ / "sonic.db"; }
  std::int64_t scalar(const char* sql) {
    auto db = store::Database::open_read_only(database());
    return db.scalar(sql);
  }
  TempDir home_;
};

TEST_F(ImportE2e, JsonTallyIsOneObjectWithEveryRowsFate) {
  const auto result = sonic({"import", fixture("Streaming_History_Audio_2023-2024_0.json"), "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto tally = nlohmann::json::parse(result.out);
  EXPECT_EQ(tally["files"], 1);
  EXPECT_EQ(tally["rows"], 6);
  EXPECT_EQ(tally["imported"], 4);
  EXPECT_EQ(tally["duplicates"], 1);
  EXPECT_EQ(tally["skipped"], nlohmann::json({{"no_track_or_episode", 1}}));
  // The human tally goes to stderr, never mixed into the JSON.
  EXPECT_NE(result.err.find("6 rows read"), std::string::npos) << result.err;
}

TEST_F(ImportE2e, EachBadInputFailsWithItsMessageExitThreeAndAnUnchangedStore) {
  struct Case {
    const char* file;
    const char* message;
  };
  const Case cases[] = {
      {"truncated.json", "unexpected end of input"},
      {"wrong_types.json", "row 2: 'ms_played' should be a whole number, found a string"},
      {"bad_timestamp.json", "row 2: 'endTime' is not a 'YYYY-MM-DD HH:MM' time"},
      {"missing_key.json", "row 2: missing 'ts'"},
      {"Userdata.json", "not a Spotify listening history"},
      {"SearchQueries.json", "not a Spotify listening history"},
  };
  // First against no store at all: none may be created.
  for (const Case& bad : cases) {
    const auto result = sonic({"import", fixture(std::string("bad/") + bad.file)});
    EXPECT_EQ(result.exit_code, 3) << bad.file;
    EXPECT_NE(result.err.find(bad.file), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(bad.message), std::string::npos) << result.err;
    EXPECT_TRUE(result.out.empty());
    EXPECT_FALSE(fs::exists(database())) << bad.file;
  }
  // Then against a store with history in it: not one byte may change.
  ASSERT_EQ(sonic({"import", fixture("endsong_0.json")}).exit_code, 0);
  for (const Case& bad : cases) {
    const std::string before = store_fingerprint(database());
    const auto result = sonic({"import", fixture(std::string("bad/") + bad.file), "--json"});
    EXPECT_EQ(result.exit_code, 3) << bad.file;
    EXPECT_NE(result.err.find(bad.message), std::string::npos) << result.err;
    EXPECT_EQ(store_fingerprint(database()), before) << bad.file;
  }
}

TEST_F(ImportE2e, KeepGoingImportsTheOthersAndStillExitsThree) {
  const auto result = sonic({"import", fixture("endsong_0.json"), fixture("bad/truncated.json"),
                             fixture("StreamingHistory_music_0.json"), "--keep-going", "--json"});
  EXPECT_EQ(result.exit_code, 3);
  const auto tally = nlohmann::json::parse(result.out);
  EXPECT_EQ(tally["imported"], 2);
  ASSERT_EQ(tally["failed"].size(), 1u);
  EXPECT_NE(tally["failed"][0]["file"].get<std::string>().find("truncated.json"), std::string::npos);
  EXPECT_EQ(scalar("SELECT count(*) FROM plays"), 2);
}

TEST_F(ImportE2e, DryRunCreatesNothing) {
  const auto result = sonic({"import", fixture("endsong_0.json"), "--dry-run", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(nlohmann::json::parse(result.out)["imported"], 1);
  EXPECT_FALSE(fs::exists(database()));
}

TEST_F(ImportE2e, ANewerDatabaseIsRefused) {
  ASSERT_EQ(sonic({"import", fixture("endsong_0.json")}).exit_code, 0);
  {
    auto db = store::Database::open(database());
    db.exec("PRAGMA user_version = 99");
  }
  const auto result = sonic({"stats"});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("newer sonic"), std::string::npos) << result.err;
}

TEST_F(ImportE2e, SpotifyZipTwiceImportsEveryRowOnceThenNothing) {
  SONIC_SHARED_DATA_OR_SKIP(zip, "histories/zip/my_spotify_data.zip");
  const auto first = sonic({"import", zip.string(), "--json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto tally = nlohmann::json::parse(first.out);
  EXPECT_EQ(tally["rows"], 22677);
  EXPECT_EQ(tally["imported"].get<int>() + tally["duplicates"].get<int>(), 22677);
  const auto second = sonic({"import", zip.string(), "--json"});
  EXPECT_EQ(nlohmann::json::parse(second.out)["imported"], 0);

  const auto stats = sonic({"--tz", "Europe/Berlin", "stats", "--json"});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  const auto json = nlohmann::json::parse(stats.out);
  EXPECT_EQ(json["plays"], tally["imported"]);
  EXPECT_EQ(json["time_zone"], "Europe/Berlin");
}

// An export big enough that importing it takes a while: files of synthetic extended rows.
fs::path big_export(const TempDir& dir, int files, int rows_per_file) {
  const fs::path folder = dir / "big";
  std::int64_t seconds = 1'600'000'000;
  for (int f = 0; f < files; ++f) {
    std::string json = "[";
    for (int r = 0; r < rows_per_file; ++r) {
      seconds += r % 40 == 0 ? 4000 : 200;
      const int track = (f * rows_per_file + r) % 5000;
      const std::string ts = format_iso8601_utc(seconds * 1000).substr(0, 19) + "Z";
      char row[400];
      std::snprintf(row, sizeof row,
                    "%s{\"ts\":\"%s\",\"ms_played\":%d,\"master_metadata_track_name\":\"Track %d\","
                    "\"master_metadata_album_artist_name\":\"Artist %d\",\"spotify_track_uri\":"
                    "\"spotify:track:%022d\",\"platform\":\"linux\"}",
                    r ? "," : "", ts.c_str(), 150000 + r, track, track % 300, track);
      json += row;
    }
    write_file(folder / ("Streaming_History_Audio_" + std::to_string(f) + ".json"), json + "]");
  }
  return folder;
}

// The indexes of the store's tables as its schema defines them.
std::string index_definitions(const fs::path& database) {
  auto db = store::Database::open_read_only(database);
  auto rows = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name");
  std::string out;
  while (rows.step()) out += rows.text(0) + ": " + rows.text(1) + "\n";
  return out;
}

TEST_F(ImportE2e, KilledMidImportLosesNothingCommittedAndTheRerunCompletesIt) {
  TempDir data;
  const fs::path folder = big_export(data, 12, 15000);
  // A store with a play in it already (from 2014, far from the export's 2020s): an import into an
  // empty store is one bulk load (the next test), this one commits file by file.
  TempDir clean_home;
  for (const TempDir* home : {&clean_home, &home_}) {
    ASSERT_EQ(run_sonic({"--home", home->path().string(), "import", fixture("endsong_0.json")}).exit_code, 0);
  }
  ASSERT_EQ(run_sonic({"--home", clean_home.path().string(), "import", folder.string()}).exit_code, 0);
  std::int64_t expected_plays = 0;
  std::int64_t expected_sessions = 0;
  {
    auto clean = store::Database::open_read_only(clean_home / "sonic.db");
    expected_plays = clean.scalar("SELECT count(*) FROM plays");
    expected_sessions = clean.scalar("SELECT count(*) FROM sessions");
  }
  ASSERT_EQ(expected_plays, 1 + 12 * 15000);

  // Kill at two points chosen by what the store holds, not by a clock (a loaded machine can be
  // slower than any fixed delay): right at the start, and once the first file is committed, in
  // the middle of the rest. After each, the store holds whole files only and is consistent.
  const auto committed_plays = [&]() -> std::int64_t {
    if (!fs::exists(database())) return 0;
    try {
      auto db = store::Database::open_read_only(database());
      if (db.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'plays'") == 0) return 0;
      return db.scalar("SELECT count(*) FROM plays");
    } catch (const std::exception&) {
      return 0;  // the file is being created: nothing committed yet
    }
  };
  int kills = 0;
  for (const std::int64_t kill_once_committed : {std::int64_t{0}, std::int64_t{1 + 15000}}) {
    SonicProcess import({"--home", home_.path().string(), "import", folder.string()});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
    while (kill_once_committed > 0 && import.running() && committed_plays() < kill_once_committed &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (!import.running()) continue;  // finished before the kill: nothing to prove this round
    import.send_signal(SIGKILL);
    const auto killed = import.wait(std::chrono::seconds(30));
    EXPECT_EQ(killed.exit_code, 128 + SIGKILL);
    ++kills;
    const std::int64_t plays = committed_plays();
    EXPECT_EQ((plays - 1) % 15000, 0) << "a file was half imported";
    auto db = store::Database::open(database());
    EXPECT_EQ(db.scalar("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
    EXPECT_EQ(db.scalar("SELECT coalesce(sum(imported), 0) FROM import_runs"), plays);
  }
  EXPECT_GT(kills, 0) << "the import finished before any kill: make the export bigger";
  const auto rerun = sonic({"import", folder.string(), "--json"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(scalar("SELECT count(*) FROM plays"), expected_plays);
  EXPECT_EQ(scalar("SELECT count(*) FROM sessions"), expected_sessions);
}

TEST_F(ImportE2e, AFirstImportKilledMidLoadLeavesTheStoreAsItWasIndexesIncluded) {
  // Into an empty store the whole import is one bulk load: plays' secondary indexes are dropped
  // at its start and built at its end, in the same transaction. A kill after a file has been
  // loaded (the debug log names it) must leave the empty store exactly as it was, indexes and
  // all: SQLite rolls the DROP INDEX back with the rows.
  TempDir data;
  const fs::path folder = big_export(data, 12, 15000);
  store::open_store(database());
  const std::string before = store_fingerprint(database());
  const std::string indexes = index_definitions(database());
  ASSERT_NE(indexes.find("plays_by_start"), std::string::npos) << indexes;
  ASSERT_NE(indexes.find("plays_listens_by_track"), std::string::npos) << indexes;

  SonicProcess import({"--home", home_.path().string(), "--log-level", "debug", "import", folder.string()});
  const auto loaded = import.wait_for_output(
      std::regex(R"(Streaming_History_Audio_0\.json: extended layout, 15000 rows)"), std::chrono::minutes(2));
  ASSERT_TRUE(loaded) << import.err();
  ASSERT_TRUE(import.running()) << "the import finished before the kill: make the export bigger";
  import.send_signal(SIGKILL);
  EXPECT_EQ(import.wait(std::chrono::seconds(30)).exit_code, 128 + SIGKILL);

  EXPECT_EQ(store_fingerprint(database()), before);
  EXPECT_EQ(index_definitions(database()), indexes);
  EXPECT_EQ(scalar("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
  const auto rerun = sonic({"import", folder.string()});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(scalar("SELECT count(*) FROM plays"), 12 * 15000);
  EXPECT_EQ(index_definitions(database()), indexes);
}

}  // namespace
}  // namespace sonic::testing
