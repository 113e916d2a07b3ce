// `sonic export`, `sonic backup` and `sonic restore` end to end on a real shared history: the
// export imports back into a fresh store as the same plays; a backup restores to the same
// store; a backup that is damaged, foreign or from a newer sonic is refused with the store
// unchanged.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "sonic/sources/byte_source.hpp"
#include "sonic/sources/csv_reader.hpp"
#include "sonic/store/database.hpp"
#include "sonic/store/schema.hpp"
#include "support/run_sonic.hpp"
#include "support/shared_data.hpp"
#include "support/store_fingerprint.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

namespace fs = std::filesystem;

// What makes two stores hold "the same plays": each play's end, length and what it is a play of.
std::vector<std::string> plays_of(const fs::path& database) {
  auto db = store::Database::open_read_only(database);
  auto rows = db.prepare(
      "SELECT p.end_ms, p.ms_played, coalesce(t.spotify_id, t.name_key, ''), coalesce(e.uri, e.name_key, ''), "
      "coalesce(p.platform, ''), coalesce(p.reason_end, ''), coalesce(p.skipped, -1) "
      "FROM plays p LEFT JOIN tracks t ON t.id = p.track_id LEFT JOIN episodes e ON e.id = p.episode_id "
      "ORDER BY 1, 2, 3, 4");
  std::vector<std::string> plays;
  while (rows.step()) {
    plays.push_back(std::to_string(rows.integer(0)) + "|" + std::to_string(rows.integer(1)) + "|" + rows.text(2) + "|" +
                    rows.text(3) + "|" + rows.text(4) + "|" + rows.text(5) + "|" + std::to_string(rows.integer(6)));
  }
  return plays;
}

class BackupExportE2e : public ::testing::Test {
 protected:
  RunResult sonic(const TempDir& home, std::vector<std::string> args) {
    args.insert(args.begin(), {"--home", home.path().string(), "--tz", "Europe/Berlin"});
    return run_sonic(args);
  }
  // anton's extended history (41,000 plays over 11 years) in `home_`.
  void import_real_history() {
    const fs::path history = shared_dir() / "data/histories/extended/anton";
    if (shared_dir().empty() || !fs::exists(history)) GTEST_SKIP() << "shared data not available";
    const auto imported = sonic(home_, {"import", history.string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }
  std::int64_t scalar(const fs::path& database, const char* sql) {
    auto db = store::Database::open_read_only(database);
    return db.scalar(sql);
  }
  fs::path database() const { return home_ / "sonic.db"; }
  TempDir home_;
  TempDir files_;
};

TEST_F(BackupExportE2e, JsonLinesExportImportsBackAsTheSamePlays) {
  import_real_history();
  if (IsSkipped()) return;
  const fs::path lines = files_ / "plays.jsonl";
  const auto exported = sonic(home_, {"export", "--format", "jsonl", "--out", lines.string(), "--json"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const auto summary = nlohmann::json::parse(exported.out);
  EXPECT_EQ(summary["plays"], scalar(database(), "SELECT count(*) FROM plays"));

  // Each line is an extended-history row: wrapped in [ ] the lines are an export sonic reads.
  std::ifstream in(lines);
  std::string line;
  std::string array = "[";
  std::size_t count = 0;
  while (std::getline(in, line)) {
    const auto row = nlohmann::json::parse(line);
    ASSERT_TRUE(row.contains("end_local") && row.contains("source") && row.contains("kind")) << line;
    array += (count++ ? ",\n" : "\n") + line;
  }
  array += "\n]";
  EXPECT_EQ(static_cast<std::int64_t>(count), summary["plays"].get<std::int64_t>());
  const fs::path wrapped = write_file(files_ / "again/Streaming_History_Audio_0.json", array);

  TempDir fresh;
  const auto reimported = sonic(fresh, {"import", wrapped.string()});
  ASSERT_EQ(reimported.exit_code, 0) << reimported.err;
  const auto before = plays_of(database());
  ASSERT_GT(before.size(), 40'000u);
  EXPECT_EQ(plays_of(fresh / "sonic.db"), before);
}

TEST_F(BackupExportE2e, LocalTimesCarryTheZonesOffsetOfTheirDay) {
  import_real_history();
  if (IsSkipped()) return;
  const auto exported = sonic(home_, {"export", "--format", "jsonl"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  std::istringstream lines(exported.out);
  std::string line;
  int summer = 0;
  int winter = 0;
  while (std::getline(lines, line)) {
    const auto row = nlohmann::json::parse(line);
    const std::string utc = row["end_utc"];
    const std::string local = row["end_local"];
    // Berlin: +02:00 from the last Sunday of March to the last of October, +01:00 otherwise.
    const int month = std::stoi(utc.substr(5, 2));
    if (month >= 5 && month <= 9) {
      ASSERT_EQ(local.substr(local.size() - 6), "+02:00") << line;
      ++summer;
    } else if (month <= 2 || month >= 11) {
      ASSERT_EQ(local.substr(local.size() - 6), "+01:00") << line;
      ++winter;
    }
  }
  EXPECT_GT(summer, 1000);
  EXPECT_GT(winter, 1000);
}

TEST_F(BackupExportE2e, CsvExportHasOneRecordPerPlayWithQuotedCells) {
  import_real_history();
  if (IsSkipped()) return;
  const fs::path csv_file = files_ / "plays.csv";
  ASSERT_EQ(sonic(home_, {"export", "--format", "csv", "--out", csv_file.string()}).exit_code, 0);
  auto source = sources::open_file_source(csv_file);
  sources::CsvReader csv(*source, csv_file.string());
  ASSERT_TRUE(csv.next());
  ASSERT_EQ(csv.fields().size(), 22u);
  EXPECT_EQ(csv.fields()[0], "end_utc");
  std::int64_t records = 0;
  std::int64_t with_comma = 0;
  while (csv.next()) {
    ++records;
    if (csv.fields()[8].find(',') != std::string::npos) ++with_comma;
  }
  EXPECT_EQ(records, scalar(database(), "SELECT count(*) FROM plays"));
  // Real titles hold commas ("Hello, Goodbye"): they came back whole, not split.
  EXPECT_GT(with_comma, 0);
}

TEST_F(BackupExportE2e, ListenBrainzExportHoldsEveryListenOfThirtySecondsOrMore) {
  import_real_history();
  if (IsSkipped()) return;
  const fs::path out = files_ / "listens.json";
  const auto exported = sonic(home_, {"export", "--format", "listenbrainz", "--out", out.string(), "--json"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const auto listens = nlohmann::json::parse(read_file(out));
  ASSERT_TRUE(listens.is_array());
  EXPECT_EQ(static_cast<std::int64_t>(listens.size()),
            scalar(database(),
                   "SELECT count(*) FROM plays p JOIN tracks t ON t.id = p.track_id JOIN artists a ON "
                   "a.id = t.artist_id WHERE p.ms_played >= 30000 AND t.name <> '' AND a.name <> ''"));
  const auto summary = nlohmann::json::parse(exported.out);
  EXPECT_EQ(summary["plays"].get<std::int64_t>() + summary["left_out"].get<std::int64_t>(),
            scalar(database(), "SELECT count(*) FROM plays"));
  std::int64_t previous = 0;
  for (const auto& listen : listens) {
    ASSERT_TRUE(listen["listened_at"].is_number_integer());
    EXPECT_GE(listen["listened_at"].get<std::int64_t>(), previous);  // in time order
    previous = listen["listened_at"];
    const auto& metadata = listen["track_metadata"];
    ASSERT_FALSE(metadata["artist_name"].get<std::string>().empty());
    ASSERT_FALSE(metadata["track_name"].get<std::string>().empty());
    ASSERT_TRUE(metadata["additional_info"].is_object());
  }
  EXPECT_EQ(listens[0]["track_metadata"]["additional_info"]["submission_client"], "sonic");
}

TEST_F(BackupExportE2e, BackupRestoresTheStoreAsItWasAndKeepsWhatItReplaced) {
  import_real_history();
  if (IsSkipped()) return;
  const fs::path backup = files_ / "sonic-backup.db";
  const auto backed_up = sonic(home_, {"backup", backup.string(), "--json"});
  ASSERT_EQ(backed_up.exit_code, 0) << backed_up.err;
  EXPECT_EQ(nlohmann::json::parse(backed_up.out)["schema_version"], store::latest_schema_version());
  EXPECT_FALSE(fs::exists(backup.string() + "-wal"));  // one self-contained file
  const std::string original = store_fingerprint(database());

  // The store moves on, then the backup is restored.
  {
    auto db = store::Database::open(database());
    db.exec("DELETE FROM plays WHERE id % 2 = 0");
  }
  const std::string changed = store_fingerprint(database());
  ASSERT_NE(changed, original);
  const auto restored = sonic(home_, {"restore", backup.string(), "--json"});
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  EXPECT_EQ(store_fingerprint(database()), original);
  const fs::path previous = home_ / "sonic.db.before-restore";
  EXPECT_EQ(nlohmann::json::parse(restored.out)["previous"], previous.string());
  EXPECT_EQ(store_fingerprint(previous), changed);
}

TEST_F(BackupExportE2e, RestoreIntoAnEmptyHomeMakesTheStore) {
  import_real_history();
  if (IsSkipped()) return;
  const fs::path backup = files_ / "sonic-backup.db";
  ASSERT_EQ(sonic(home_, {"backup", backup.string()}).exit_code, 0);
  TempDir fresh;
  const auto restored = sonic(fresh, {"restore", backup.string()});
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  EXPECT_EQ(store_fingerprint(fresh / "sonic.db"), store_fingerprint(database()));
  EXPECT_FALSE(fs::exists(fresh / "sonic.db.before-restore"));  // there was nothing to keep
}

TEST_F(BackupExportE2e, RestoreRefusesANewerDamagedOrForeignFileAndChangesNothing) {
  import_real_history();
  if (IsSkipped()) return;
  const fs::path newer = files_ / "newer.db";
  ASSERT_EQ(sonic(home_, {"backup", newer.string()}).exit_code, 0);
  {
    auto db = store::Database::open(newer);
    db.exec("PRAGMA user_version = " + std::to_string(store::latest_schema_version() + 1));
    db.exec("PRAGMA journal_mode=DELETE");
  }
  const fs::path damaged = files_ / "damaged.db";
  {
    std::string bytes = read_file(newer);
    bytes.resize(bytes.size() / 2);  // cut short, as by a full disk or an interrupted copy
    write_file(damaged, bytes);
  }
  const fs::path foreign = write_file(files_ / "notes.db", "these are my notes, not a database\n");
  const fs::path other_sqlite = files_ / "other.db";
  {
    auto db = store::Database::open(other_sqlite);
    db.exec("CREATE TABLE recipes (name TEXT); PRAGMA journal_mode=DELETE");
  }
  struct Case {
    fs::path file;
    const char* message;
  };
  const Case cases[] = {
      {newer, "was written by a newer sonic"},
      {damaged, "damaged.db"},
      {foreign, "is not a sonic backup"},
      {other_sqlite, "is not a sonic backup (no sonic schema in it)"},
      {files_ / "missing.db", "no such backup file"},
  };
  const std::string before = store_fingerprint(database());
  for (const auto& c : cases) {
    const auto refused = sonic(home_, {"restore", c.file.string()});
    EXPECT_EQ(refused.exit_code, 3) << c.file << ": " << refused.err;
    EXPECT_NE(refused.err.find(c.message), std::string::npos) << refused.err;
    EXPECT_EQ(store_fingerprint(database()), before) << c.file;
  }
  EXPECT_FALSE(fs::exists(home_ / "sonic.db.before-restore"));
  EXPECT_FALSE(fs::exists(home_ / "sonic.db.restoring"));
}

TEST_F(BackupExportE2e, ExportRefusesJsonWithoutAFileAndAnUnknownFormat) {
  import_real_history();
  if (IsSkipped()) return;
  EXPECT_EQ(sonic(home_, {"export", "--json"}).exit_code, 2);
  EXPECT_EQ(sonic(home_, {"export", "--format", "xml"}).exit_code, 2);
}

}  // namespace
}  // namespace sonic::testing
