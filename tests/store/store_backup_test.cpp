#include "sonic/store/store_backup.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "sonic/store/schema.hpp"
#include "support/store_fingerprint.hpp"
#include "support/temp_dir.hpp"

namespace sonic::store {
namespace {

using sonic::testing::store_fingerprint;
using sonic::testing::TempDir;

void add_plays(Database& db, int from, int count) {
  db.exec("INSERT OR IGNORE INTO artists (id, name, name_key) VALUES (1, 'Aurora Fields', 'aurora fields')");
  db.exec("INSERT OR IGNORE INTO tracks (id, name, artist_id, name_key) VALUES (1, 'Morning', 1, 'k')");
  auto insert = db.prepare(
      "INSERT INTO plays (track_id, start_ms, end_ms, ms_played, is_short, source) VALUES (1, ?1, ?2, 1000, 1, "
      "'extended')");
  for (int i = from; i < from + count; ++i) insert.bind(1, i * 10'000).bind(2, i * 10'000 + 1000).run();
}

// Cron writes while the backup runs: the copy is the last committed state, never a half of a
// transaction in flight.
TEST(StoreBackup, ACopyTakenDuringAnotherWritersTransactionHoldsOnlyWhatWasCommitted) {
  TempDir dir;
  Database db = open_store(dir / "sonic.db");
  add_plays(db, 0, 100);
  Database writer = Database::open(dir / "sonic.db");
  Transaction in_flight(writer);
  add_plays(writer, 100, 50);

  const BackupFacts facts = back_up_store(db, dir / "backup.db");
  EXPECT_EQ(facts.plays, 100);
  EXPECT_EQ(facts.schema_version, latest_schema_version());
  EXPECT_GT(facts.bytes, 0u);
  in_flight.commit();

  const BackupFacts checked = check_backup(dir / "backup.db");
  EXPECT_EQ(checked.plays, 100);
}

TEST(StoreBackup, RestoreReplacesEveryTableAndKeepsThePreviousContent) {
  TempDir dir;
  Database db = open_store(dir / "sonic.db");
  add_plays(db, 0, 10);
  back_up_store(db, dir / "backup.db");
  const std::string backed_up = store_fingerprint(dir / "backup.db");
  add_plays(db, 10, 5);

  const BackupFacts restored = restore_store(db, dir / "backup.db", dir / "previous.db");
  EXPECT_EQ(restored.plays, 10);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM plays"), 10);
  EXPECT_EQ(check_backup(dir / "previous.db").plays, 15);
  EXPECT_EQ(store_fingerprint(dir / "backup.db"), backed_up);  // the file given is never changed
}

}  // namespace
}  // namespace sonic::store
