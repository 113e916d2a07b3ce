#include "sonic/store/schema.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "support/temp_dir.hpp"

namespace sonic::store {
namespace {

TEST(Schema, CreatesTheLatestVersionWithWalAndForeignKeys) {
  testing::TempDir dir;
  Database db = open_store(dir / "sub" / "sonic.db");
  EXPECT_EQ(db.scalar("PRAGMA user_version"), latest_schema_version());
  EXPECT_EQ(db.scalar("PRAGMA foreign_keys"), 1);
  auto mode = db.prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.step());
  EXPECT_EQ(mode.text(0), "wal");
  EXPECT_EQ(db.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'plays'"), 1);
}

TEST(Schema, ReopeningDoesNotMigrateAgain) {
  testing::TempDir dir;
  {
    Database db = open_store(dir / "sonic.db");
    db.exec("INSERT INTO meta VALUES ('k', 'v')");
  }
  Database db = open_store(dir / "sonic.db");
  EXPECT_EQ(db.scalar("SELECT count(*) FROM meta"), 1);
}

TEST(Schema, RefusesADatabaseFromANewerSonic) {
  testing::TempDir dir;
  {
    Database db = open_store(dir / "sonic.db");
    db.exec("PRAGMA user_version = 999");
  }
  try {
    open_store(dir / "sonic.db");
    FAIL() << "a newer schema must be refused";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("newer sonic"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("999"), std::string::npos);
  }
}

TEST(Schema, RefusesAFileThatIsNotADatabase) {
  testing::TempDir dir;
  testing::write_file(dir / "sonic.db", std::string(4096, 'x'));
  EXPECT_THROW(open_store(dir / "sonic.db"), InputError);
}

TEST(Schema, PlaysNeedExactlyOneOfTrackOrEpisode) {
  Database db = Database::in_memory();
  migrate(db);
  EXPECT_THROW(db.exec("INSERT INTO plays (start_ms, end_ms, ms_played, is_short, source) "
                       "VALUES (0, 1, 1, 1, 'extended')"),
               Error);
}

TEST(Schema, PlaysTakeOnlyTheThreeSources) {
  Database db = Database::in_memory();
  migrate(db);
  db.exec("INSERT INTO artists (id, name, name_key) VALUES (1, 'a', 'a')");
  db.exec("INSERT INTO tracks (id, name, artist_id, name_key) VALUES (1, 't', 1, 'k')");
  for (const char* source : {"extended", "api", "basic"}) {
    db.exec(
        std::string(
            "INSERT INTO plays (track_id, start_ms, end_ms, ms_played, is_short, source) VALUES (1, 0, 1, 1, 0, '") +
        source + "')");
  }
  for (const char* source : {"Extended", "spotify", ""}) {
    EXPECT_THROW(db.exec(std::string("INSERT INTO plays (track_id, start_ms, end_ms, ms_played, is_short, source) "
                                     "VALUES (1, 0, 2, 1, 0, '") +
                         source + "')"),
                 Error)
        << source;
  }
  EXPECT_EQ(db.scalar("SELECT count(*) FROM plays"), 3);
}

TEST(Schema, StepElevenKeepsEveryPlayWithItsIdAndEveryIndex) {
  // Step 11 copies plays into a table with the same columns (its source rule written as
  // comparisons). Run again over a store that holds plays, it must keep them as they were.
  testing::TempDir dir;
  const auto all_plays = [](Database& db) {
    auto rows = db.prepare("SELECT * FROM plays ORDER BY id");
    std::string out;
    while (rows.step()) {
      for (int column = 0; column < 17; ++column) out += (rows.is_null(column) ? "null" : rows.text(column)) + "|";
      out += "\n";
    }
    return out;
  };
  const auto indexes = [](Database& db) {
    auto rows =
        db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'plays' ORDER BY name");
    std::string out;
    while (rows.step()) out += rows.text(0) + ": " + (rows.is_null(1) ? "" : rows.text(1)) + "\n";
    return out;
  };
  std::string before;
  std::string indexes_before;
  {
    Database db = open_store(dir / "sonic.db");
    db.exec("INSERT INTO artists (id, name, name_key) VALUES (1, 'a', 'a')");
    db.exec("INSERT INTO tracks (id, name, artist_id, name_key) VALUES (1, 't', 1, 'k')");
    db.exec("INSERT INTO episodes (id, name_key, kind, name) VALUES (1, 'e', 'podcast', 'e')");
    db.exec("INSERT INTO import_runs (id, kind, started_ms, status) VALUES (1, 'import', 0, 'ok')");
    db.exec(
        "INSERT INTO plays VALUES (5, 1, NULL, 100, 300, 200, 0, 'extended', 'android', 1, 0, 'trackdone', "
        "'endplay', 0, 1700000000000, 0, 1)");
    db.exec(
        "INSERT INTO plays VALUES (9, NULL, 1, 1000, 1010, 10, 1, 'basic', NULL, NULL, NULL, NULL, NULL, NULL, "
        "NULL, NULL, NULL)");
    before = all_plays(db);
    indexes_before = indexes(db);
    db.exec("PRAGMA user_version = 10");
  }
  Database db = open_store(dir / "sonic.db");
  EXPECT_EQ(db.scalar("PRAGMA user_version"), latest_schema_version());
  EXPECT_EQ(all_plays(db), before);
  EXPECT_EQ(indexes(db), indexes_before);
  EXPECT_NE(indexes_before.find("plays_listens_by_track"), std::string::npos) << indexes_before;
  EXPECT_EQ(db.scalar("SELECT max(id) FROM plays"), 9);
}

TEST(Transaction, RollsBackUnlessCommitted) {
  Database db = Database::in_memory();
  migrate(db);
  {
    Transaction transaction(db);
    db.exec("INSERT INTO meta VALUES ('a', '1')");
  }
  EXPECT_EQ(db.scalar("SELECT count(*) FROM meta"), 0);
  {
    Transaction transaction(db);
    db.exec("INSERT INTO meta VALUES ('a', '1')");
    transaction.commit();
  }
  EXPECT_EQ(db.scalar("SELECT count(*) FROM meta"), 1);
}

}  // namespace
}  // namespace sonic::store

namespace sonic::store {
namespace {

TEST(Transaction, NestedTransactionUndoesOnlyItsOwnWork) {
  Database db = Database::in_memory();
  migrate(db);
  {
    Transaction outer(db);
    db.exec("INSERT INTO meta VALUES ('outer', '1')");
    {
      Transaction inner(db);
      db.exec("INSERT INTO meta VALUES ('failed', '1')");
    }
    {
      Transaction inner(db);
      db.exec("INSERT INTO meta VALUES ('kept', '1')");
      inner.commit();
    }
    EXPECT_EQ(db.scalar("SELECT count(*) FROM meta"), 2);
    outer.commit();
  }
  EXPECT_EQ(db.scalar("SELECT count(*) FROM meta WHERE key IN ('outer', 'kept')"), 2);
  EXPECT_FALSE(db.in_transaction());
}

}  // namespace
}  // namespace sonic::store
