// The import's set of stored track IDs (open addressing, grown as it fills) and the rollback
// journal a bulk load switches to: both must be invisible except in speed.
#include <gtest/gtest.h>

#include <string>

#include "sonic/store/catalog_store.hpp"
#include "sonic/store/schema.hpp"
#include "support/temp_dir.hpp"

namespace sonic::store {
namespace {

std::string journal_mode(Database& db) {
  auto mode = db.prepare("PRAGMA journal_mode");
  mode.step();
  return mode.text(0);
}

TEST(CatalogTrackIds, EachIdIsNewOnceAcrossManyGrowths) {
  CatalogTrackIds ids;
  // 20,000 IDs grow the table from 1,024 slots past 32,768; IDs that are prefixes of one
  // another and the empty ID are distinct IDs.
  for (int i = 0; i < 20000; ++i) ASSERT_TRUE(ids.insert(std::to_string(i))) << i;
  EXPECT_TRUE(ids.insert(""));
  for (int i = 0; i < 20000; ++i) ASSERT_FALSE(ids.insert(std::to_string(i))) << i;
  EXPECT_FALSE(ids.insert(""));
  EXPECT_TRUE(ids.insert("20000"));
  EXPECT_TRUE(ids.insert("0 "));
}

TEST(BulkLoadJournal, SwitchesToARollbackJournalAndBackToTheLog) {
  sonic::testing::TempDir dir;
  auto db = open_store(dir / "sonic.db");
  ASSERT_EQ(journal_mode(db), "wal");
  {
    const BulkLoadJournal bulk_load(db);
    EXPECT_EQ(journal_mode(db), "delete");
  }
  EXPECT_EQ(journal_mode(db), "wal");
}

TEST(BulkLoadJournal, KeepsTheLogWhileAnotherConnectionReads) {
  sonic::testing::TempDir dir;
  auto db = open_store(dir / "sonic.db");
  auto reader = open_store(dir / "sonic.db");
  reader.exec("BEGIN");
  reader.scalar("SELECT count(*) FROM catalogs");  // holds a read lock until COMMIT
  db.exec("PRAGMA busy_timeout = 0");              // refused at once, not after 10 s
  {
    const BulkLoadJournal bulk_load(db);
    EXPECT_EQ(journal_mode(db), "wal");
    Transaction writing(db);
    replace_catalog(db, "lab", 1);
    writing.commit();
  }
  EXPECT_EQ(journal_mode(db), "wal");
  reader.exec("COMMIT");
  EXPECT_EQ(db.scalar("SELECT count(*) FROM catalogs"), 1);
  EXPECT_EQ(reader.scalar("SELECT count(*) FROM catalogs"), 1);
}

}  // namespace
}  // namespace sonic::store
