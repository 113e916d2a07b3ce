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
