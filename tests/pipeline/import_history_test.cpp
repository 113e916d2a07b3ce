#include "sonic/pipeline/import_history.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "sonic/core/random.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/features/sessions.hpp"
#include "sonic/store/schema.hpp"
#include "sonic/store/session_store.hpp"
#include "support/shared_data.hpp"
#include "support/store_fingerprint.hpp"
#include "support/temp_dir.hpp"

namespace sonic::pipeline {
namespace {

namespace fs = std::filesystem;

// A folder holding every hand-made layout: basic music and podcast, extended (current and
// legacy), a recently-played response and a video history file.
fs::path all_layouts(const testing::TempDir& dir) {
  const fs::path folder = dir / "export";
  for (const char* name : {"StreamingHistory0.json", "StreamingHistory_music_0.json", "StreamingHistory_podcast_0.json",
                           "Streaming_History_Audio_2023-2024_0.json", "Streaming_History_Video_2023-2024.json",
                           "endsong_0.json", "recently_played.json"}) {
    fs::create_directories(folder);
    fs::copy_file(testing::test_data(std::string("import/") + name), folder / name);
  }
  return folder;
}

class ImportHistoryTest : public ::testing::Test {
 protected:
  ImportHistoryTest() : path_(dir_ / "sonic.db"), db_(store::open_store(path_)) {}
  ImportResult import(const std::vector<fs::path>& paths, ImportOptions options = {}) {
    return import_history(db_, paths, options);
  }
  std::int64_t count(const char* sql) { return db_.scalar(sql); }
  // Checks that the stored sessions are those of grouping every stored listen at once; returns
  // how many there are.
  std::size_t expect_sessions_of_a_full_regrouping() {
    const auto listens = store::listens_starting_within(db_, {INT64_MIN / 2, INT64_MAX / 2});
    const auto expected = features::group_into_sessions(listens, features::kDefaultSessionGapMs);
    auto stored = db_.prepare("SELECT start_ms, end_ms, plays, ms_played FROM sessions ORDER BY start_ms");
    std::size_t i = 0;
    while (stored.step()) {
      if (i == expected.size()) {
        ADD_FAILURE() << "more sessions stored than grouped";
        return i;
      }
      EXPECT_EQ(stored.integer(0), expected[i].start_ms);
      EXPECT_EQ(stored.integer(1), expected[i].end_ms);
      EXPECT_EQ(stored.integer(2), expected[i].plays);
      EXPECT_EQ(stored.integer(3), expected[i].ms_played);
      ++i;
    }
    EXPECT_EQ(i, expected.size());
    return expected.size();
  }

  testing::TempDir dir_;
  fs::path path_;
  store::Database db_;
};

TEST_F(ImportHistoryTest, EveryLayoutEveryRowHasAFate) {
  const auto report = import({all_layouts(dir_)});
  const Tally& tally = report.tally;
  EXPECT_EQ(tally.files, 6);
  EXPECT_EQ(tally.rows, 13);
  EXPECT_EQ(tally.imported, 10);
  EXPECT_EQ(tally.duplicates, 2);  // one exact copy in the extended file, one API copy
  EXPECT_EQ(tally.replaced, 1);    // the basic "Morning Light", replaced by the extended row
  EXPECT_EQ(tally.skipped, (std::map<std::string, std::int64_t>{{"no_track_or_episode", 1}}));
  EXPECT_EQ(tally.rows, tally.imported + tally.duplicates + tally.skipped_total());
  EXPECT_EQ(report.skipped_files.at("video_history"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 9);
  EXPECT_EQ(count("SELECT count(*) FROM episodes"), 3);
  // Morning Light, Café Noir (linked from the basic export to its ID), Oh Ms Believer,
  // Old Song and Two Voices.
  EXPECT_EQ(count("SELECT count(*) FROM tracks"), 5);
  EXPECT_EQ(count("SELECT count(*) FROM tracks WHERE spotify_id = '0bbbbbbbbbbbbbbbbbbbbb'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM plays WHERE is_short = 1"), 1);
  EXPECT_EQ(count("SELECT files FROM import_runs"), 6);
  EXPECT_EQ(count("SELECT count(*) FROM import_files WHERE status = 'skipped'"), 1);
}

TEST_F(ImportHistoryTest, ImportingAgainAddsNothing) {
  const auto folder = all_layouts(dir_);
  import({folder});
  const std::string before = testing::store_fingerprint(path_);
  const auto again = import({folder});
  EXPECT_EQ(again.tally.imported, 0);
  EXPECT_EQ(again.tally.duplicates, again.tally.rows - again.tally.skipped_total());
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 9);
  EXPECT_EQ(count("SELECT count(*) FROM import_runs"), 2);  // the audit trail grows, nothing else
}

TEST_F(ImportHistoryTest, PersonalIdentifiersAreNeverStored) {
  import({all_layouts(dir_)});
  const std::string everything = testing::store_fingerprint(path_);
  for (const char* personal : {"192.0.2.10", "198.51.100.7", "someone"}) {
    EXPECT_EQ(everything.find(personal), std::string::npos) << personal;
  }
}

TEST_F(ImportHistoryTest, BadFileLeavesTheStoreExactlyAsItWasBeforeIt) {
  const auto good = testing::test_data("import/endsong_0.json");
  import({good});
  for (const char* bad :
       {"truncated.json", "wrong_types.json", "bad_timestamp.json", "missing_key.json", "Userdata.json"}) {
    const std::string before = testing::store_fingerprint(path_);
    const auto path = testing::test_data(std::string("import/bad/") + bad);
    try {
      import({path});
      ADD_FAILURE() << bad << " was accepted";
    } catch (const InputError& error) {
      EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos) << error.what();
    }
    EXPECT_EQ(testing::store_fingerprint(path_), before) << bad;
  }
}

// The definitions of plays' indexes, as the schema holds them.
std::string plays_indexes(store::Database& db) {
  auto rows =
      db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'plays' ORDER BY name");
  std::string out;
  while (rows.step()) {
    out += rows.text(0);
    out += ": ";
    if (!rows.is_null(1)) out += rows.text(1);
    out += "\n";
  }
  return out;
}

TEST_F(ImportHistoryTest, WithoutKeepGoingTheFilesBeforeTheBadOneStay) {
  testing::TempDir in;
  testing::write_file(in / "a" / "1_good.json", testing::read_file(testing::test_data("import/endsong_0.json")));
  testing::write_file(in / "a" / "2_bad.json", testing::read_file(testing::test_data("import/bad/truncated.json")));
  testing::write_file(in / "a" / "3_good.json",
                      testing::read_file(testing::test_data("import/StreamingHistory_music_0.json")));
  const std::string indexes = plays_indexes(db_);
  // A first import: the bulk load meets a file that fails after one of its rows was written, so
  // it rolls back and imports file by file. No trace of the abandoned load may stay.
  EXPECT_THROW(import({in / "a"}), InputError);
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM import_runs"), 1);
  EXPECT_EQ(plays_indexes(db_), indexes);

  ImportOptions keep_going;
  keep_going.keep_going = true;
  const auto report = import({in / "a"}, keep_going);
  ASSERT_EQ(report.failures.size(), 1u);
  EXPECT_NE(report.failures[0].file.find("2_bad.json"), std::string::npos);
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 2);
  auto status = db_.prepare("SELECT status FROM import_runs ORDER BY id DESC LIMIT 1");
  ASSERT_TRUE(status.step());
  EXPECT_EQ(status.text(0), "partial");
}

TEST_F(ImportHistoryTest, NonHistoryJsonInAFolderIsPassedOverButNamedDirectlyFails) {
  testing::TempDir in;
  testing::write_file(in / "MyData" / "Userdata.json",
                      testing::read_file(testing::test_data("import/bad/Userdata.json")));
  testing::write_file(in / "MyData" / "StreamingHistory_music_0.json",
                      testing::read_file(testing::test_data("import/StreamingHistory_music_0.json")));
  const auto report = import({in / "MyData"});
  EXPECT_EQ(report.skipped_files.at("not_listening_history"), 1);
  EXPECT_EQ(report.tally.imported, 1);
  EXPECT_EQ(expect_sessions_of_a_full_regrouping(), 1u);
  EXPECT_THROW(import({in / "MyData" / "Userdata.json"}), InputError);
}

TEST_F(ImportHistoryTest, DryRunWritesNothingAndCountsTheSame) {
  const auto folder = all_layouts(dir_);
  const std::string before = testing::store_fingerprint(path_);
  ImportOptions dry;
  dry.dry_run = true;
  const auto preview = import({folder}, dry);
  EXPECT_EQ(testing::store_fingerprint(path_), before);
  const auto real = import({folder});
  EXPECT_EQ(preview.tally.imported, real.tally.imported);
  EXPECT_EQ(preview.tally.duplicates, real.tally.duplicates);
}

// Writes an extended-history file of the given plays (end time, ms played, track number).
fs::path write_extended(const fs::path& path, const std::vector<std::array<std::int64_t, 3>>& plays) {
  std::string json = "[";
  for (const auto& [end_ms, ms_played, track] : plays) {
    if (json.size() > 1) json += ",";
    char id[32];
    std::snprintf(id, sizeof id, "%022lld", static_cast<long long>(track));
    json += "{\"ts\":\"" + format_iso8601_utc(end_ms / 1000 * 1000).substr(0, 19) +
            "Z\",\"ms_played\":" + std::to_string(ms_played) + ",\"master_metadata_track_name\":\"T" +
            std::to_string(track) +
            "\",\"master_metadata_album_artist_name\":\"A\",\"spotify_track_uri\":\"spotify:track:" + id + "\"}";
  }
  return testing::write_file(path, json + "]");
}

// 600 plays of 40 tracks over about a month (end, length, track), dealt at random into four
// files: mostly back to back, now and then after a pause long enough to end a session.
std::vector<std::vector<std::array<std::int64_t, 3>>> random_month_in_four_files(std::uint64_t seed) {
  SeededRandom random(seed);
  std::vector<std::vector<std::array<std::int64_t, 3>>> files(4);
  std::int64_t t = *parse_iso8601_utc("2024-03-01T00:00:00Z");
  for (int i = 0; i < 600; ++i) {
    const std::int64_t ms = random.integer(5'000, 400'000);
    t += ms;
    files[random.below(files.size())].push_back({t, ms, random.integer(1, 40)});
    t += random.chance(0.85) ? random.integer(0, 120'000) : random.integer(20 * 60'000, 5 * 3'600'000);
  }
  return files;
}

TEST_F(ImportHistoryTest, SessionsKeptIncrementallyEqualAFullRegrouping) {
  // Random listening over a month, split into files imported out of order: the sessions must
  // equal those of grouping all listens at once.
  const auto files = random_month_in_four_files(5);
  testing::TempDir in;
  for (std::size_t order : {2u, 0u, 3u, 1u}) {
    std::string name = std::to_string(order);  // (not "f" + …: GCC 12's -Wrestrict misfires here)
    name += ".json";
    import({write_extended(in / name, files[order])});
  }
  EXPECT_GT(expect_sessions_of_a_full_regrouping(), 20u);
}

TEST_F(ImportHistoryTest, AFirstImportStoppedAfterItsIndexDropLeavesTheStoreAsItWas) {
  // A first import is one bulk load that drops plays' by-track index at its start. Stop it
  // once a file is loaded, with an error that is not the input's fault (as a full disk or a kill
  // would): nothing may stay, and every index must be back as it was.
  testing::TempDir in;
  testing::write_file(in / "a" / "1.json", testing::read_file(testing::test_data("import/endsong_0.json")));
  testing::write_file(in / "a" / "2.json",
                      testing::read_file(testing::test_data("import/Streaming_History_Audio_2023-2024_0.json")));
  const std::string before = testing::store_fingerprint(path_);
  const std::string indexes = plays_indexes(db_);
  ASSERT_NE(indexes.find("plays_by_start"), std::string::npos) << indexes;
  ASSERT_NE(indexes.find("plays_listens_by_track"), std::string::npos) << indexes;
  std::int64_t plays_when_stopped = 0;
  std::string indexes_when_stopped;
  ImportOptions options;
  options.on_file = [&](const std::string&, std::size_t index, std::size_t) {
    if (index == 0) return;
    plays_when_stopped = count("SELECT count(*) FROM plays");
    indexes_when_stopped = plays_indexes(db_);
    throw std::runtime_error("stopped");
  };
  EXPECT_THROW(import({in / "a"}, options), std::runtime_error);
  EXPECT_EQ(plays_when_stopped, 1);  // the first file was loaded…
  // …without the by-track index, which is built at the end (the one by start time is kept).
  EXPECT_EQ(indexes_when_stopped.find("plays_listens_by_track"), std::string::npos);
  EXPECT_NE(indexes_when_stopped.find("plays_by_start"), std::string::npos);
  EXPECT_EQ(testing::store_fingerprint(path_), before);
  EXPECT_EQ(plays_indexes(db_), indexes);
  EXPECT_EQ(import({in / "a"}).tally.imported, 5);  // and the store imports as ever
  EXPECT_EQ(plays_indexes(db_), indexes);
}

TEST_F(ImportHistoryTest, AFirstImportsBulkLoadStoresWhatFileByFileImportsStore) {
  // The same random month in four files: all at once into this empty store (one bulk load,
  // sessions built once at the end), and one file at a time into another (after the first,
  // each file is its own transaction with its own session refresh). Plays and sessions match.
  const auto files = random_month_in_four_files(7);
  testing::TempDir in;
  std::vector<fs::path> paths;
  for (std::size_t f = 0; f < files.size(); ++f) {
    std::string name = std::to_string(f);  // (not "f" + …: GCC 12's -Wrestrict misfires here)
    name += ".json";
    paths.push_back(write_extended(in / "all" / name, files[f]));
  }
  import({in / "all"});
  testing::TempDir other;
  auto file_by_file = store::open_store(other / "sonic.db");
  for (const auto& path : paths) import_history(file_by_file, {path}, {});

  const auto rows = [](store::Database& db, const char* sql) {
    std::string out;
    auto statement = db.prepare(sql);
    while (statement.step()) {
      for (int column = 0; column < 4; ++column) out += std::to_string(statement.integer(column)) + " ";
      out += "\n";
    }
    return out;
  };
  for (const char* sql : {"SELECT start_ms, end_ms, ms_played, track_id FROM plays ORDER BY start_ms, track_id",
                          "SELECT start_ms, end_ms, plays, ms_played FROM sessions ORDER BY start_ms"}) {
    EXPECT_EQ(rows(db_, sql), rows(file_by_file, sql)) << sql;
  }
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 600);
  EXPECT_GT(count("SELECT count(*) FROM sessions"), 20);
  EXPECT_EQ(plays_indexes(db_), plays_indexes(file_by_file));
}

TEST_F(ImportHistoryTest, ABulkLoadChecksNoKeyRowByRowYetEveryReferenceResolves) {
  // The bulk load leaves foreign keys unenforced while it writes (store/bulk_play_load.hpp).
  // Every layout (tracks linked from a basic export, a replaced play, episodes, the run's
  // audit rows) must still pass SQLite's full check, and enforcement must be back afterwards,
  // after a load that commits and after one that is stopped.
  const auto violations = [this] {
    auto check = db_.prepare("PRAGMA foreign_key_check");
    int found = 0;
    while (check.step()) ++found;
    return found;
  };
  const auto folder = all_layouts(dir_);
  ImportOptions stopping;
  stopping.on_file = [](const std::string&, std::size_t index, std::size_t) {
    if (index == 1) throw std::runtime_error("stopped");
  };
  EXPECT_THROW(import({folder}, stopping), std::runtime_error);
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 0);
  EXPECT_EQ(count("PRAGMA foreign_keys"), 1);
  const auto report = import({folder});
  EXPECT_EQ(report.tally.replaced, 1);
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 9);
  // A replaced play: the sessions are grouped from the store, not from the writer's listens.
  // Five music listens of 30 s or more, each more than 30 minutes from the next (2014-02-03,
  // 2023-06-01 08:00 and 09:00, 2023-06-02, 2024-05-06): five sessions of one listen.
  EXPECT_EQ(expect_sessions_of_a_full_regrouping(), 5u);
  EXPECT_EQ(count("SELECT sum(plays) FROM sessions"), 5);
  EXPECT_EQ(violations(), 0);
  EXPECT_EQ(count("PRAGMA foreign_keys"), 1);
}

TEST_F(ImportHistoryTest, ChangingTheSessionGapRegroupsEverything) {
  import({testing::test_data("import/Streaming_History_Audio_2023-2024_0.json")});
  ImportOptions wide;
  wide.session_gap_ms = 24 * 3'600'000;
  import({testing::test_data("import/endsong_0.json")}, wide);
  EXPECT_EQ(count("SELECT count(*) FROM sessions"), 2);  // 2014 and 2023, a day gap joins nothing else
  EXPECT_EQ(count("SELECT value FROM meta WHERE key = 'session_gap_ms'"), 24 * 3'600'000);
}

TEST_F(ImportHistoryTest, RealSpotifyZipImportsEveryRowOnce) {
  SONIC_SHARED_DATA_OR_SKIP(zip, "histories/zip/my_spotify_data.zip");
  const auto first = import({zip});
  EXPECT_EQ(first.tally.files, 2);
  EXPECT_EQ(first.tally.rows, 22677);
  EXPECT_EQ(first.tally.imported + first.tally.duplicates + first.tally.skipped_total(), 22677);
  EXPECT_GT(first.tally.imported, 22600);
  const auto second = import({zip});
  EXPECT_EQ(second.tally.imported, 0);
}

TEST_F(ImportHistoryTest, BasicExportOverlappingTheExtendedOneCountsEachListenOnce) {
  SONIC_SHARED_DATA_OR_SKIP(extended, "histories/extended/anton");
  import({extended});
  const auto listens = count("SELECT count(*) FROM plays");
  // Re-derive a basic export from the stored plays (minute-truncated UTC end, names only) and
  // import it: every row must be matched to its extended twin.
  std::string json = "[";
  auto rows = db_.prepare(
      "SELECT p.end_ms, p.ms_played, t.name, a.name FROM plays p JOIN tracks t ON t.id = p.track_id "
      "JOIN artists a ON a.id = t.artist_id ORDER BY p.id LIMIT 2000");
  while (rows.step()) {
    const std::string end = format_iso8601_utc(rows.integer(0));
    if (json.size() > 1) json += ",";
    json += nlohmann::json({{"endTime", end.substr(0, 10) + " " + end.substr(11, 5)},
                            {"artistName", rows.text(3)},
                            {"trackName", rows.text(2)},
                            {"msPlayed", rows.integer(1)}})
                .dump();
  }
  const auto basic = testing::write_file(dir_ / "StreamingHistory0.json", json + "]");
  const auto report = import({basic});
  EXPECT_EQ(report.tally.rows, 2000);
  EXPECT_EQ(report.tally.imported, 0);
  EXPECT_EQ(count("SELECT count(*) FROM plays"), listens);
}

}  // namespace
}  // namespace sonic::pipeline

namespace sonic::pipeline {
namespace {

// Every real history in ../shared imports without a failure, and every row has a fate.
class RealHistories : public ::testing::TestWithParam<const char*> {};

TEST_P(RealHistories, ImportCleanlyWithEveryRowAccountedFor) {
  SONIC_SHARED_DATA_OR_SKIP(folder, std::string("histories/") + GetParam());
  testing::TempDir dir;
  auto db = store::open_store(dir / "sonic.db");
  const auto report = import_history(db, {folder}, {});
  const Tally& tally = report.tally;
  EXPECT_TRUE(report.failures.empty());
  EXPECT_GT(tally.rows, 1000);
  EXPECT_EQ(tally.rows, tally.imported + tally.duplicates + tally.skipped_total());
  EXPECT_EQ(db.scalar("SELECT count(*) FROM plays"), tally.imported - tally.replaced);
  EXPECT_GT(db.scalar("SELECT count(*) FROM sessions"), 10);
  // Nothing in the future, nothing before Spotify existed.
  EXPECT_EQ(db.scalar("SELECT count(*) FROM plays WHERE end_ms < 1136073600000 OR end_ms > 1893456000000"), 0);
  const auto again = import_history(db, {folder}, {});
  EXPECT_EQ(again.tally.imported, 0);
}

INSTANTIATE_TEST_SUITE_P(Shared, RealHistories,
                         ::testing::Values("extended/anton", "extended-partial/chaos", "extended-partial/sdjam",
                                           "basic/jill", "basic/magantoine", "basic/nishal", "basic/tabatista",
                                           "api/agvic", "zip"),
                         [](const ::testing::TestParamInfo<const char*>& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace sonic::pipeline
