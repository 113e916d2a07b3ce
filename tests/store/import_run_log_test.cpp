#include "sonic/store/import_run_log.hpp"

#include <gtest/gtest.h>

#include "sonic/store/schema.hpp"

namespace sonic::store {
namespace {

class ImportRunLogTest : public ::testing::Test {
 protected:
  ImportRunLogTest() : db_(Database::in_memory()) { migrate(db_); }
  Database db_;
};

TEST_F(ImportRunLogTest, ARunRowAppearsWithTheFirstFileThatCommits) {
  ImportRunLog log(db_, false);
  log.pass_over("video.json", "skipped", "video history");
  EXPECT_EQ(import_run_count(db_), 0);
  {
    Transaction transaction(db_);
    log.record_file({"a.json", "extended", 10, 8, 1, "{\"bad\":1}"}, {false, 1, 10, 8, 1, "{\"bad\":1}"});
    transaction.commit();
    log.committed();
  }
  log.finish({true, 1, 10, 8, 1, "{\"bad\":1}"});
  EXPECT_EQ(import_run_count(db_), 1);
  EXPECT_EQ(db_.scalar("SELECT count(*) FROM import_files"), 2);
  EXPECT_EQ(db_.scalar("SELECT imported FROM import_runs"), 8);
  EXPECT_EQ(db_.scalar("SELECT count(*) FROM import_runs WHERE status = 'partial' AND kind = 'import'"), 1);
}

TEST_F(ImportRunLogTest, ARolledBackFileLeavesNoRun) {
  ImportRunLog log(db_, false);
  {
    Transaction transaction(db_);
    log.record_file({"a.json", "extended", 1, 1, 0, "{}"}, {false, 1, 1, 1, 0, "{}"});
  }
  log.rolled_back();
  log.finish({false, 0, 0, 0, 0, "{}"});
  EXPECT_EQ(import_run_count(db_), 0);
}

TEST_F(ImportRunLogTest, ADryRunWritesNothing) {
  ImportRunLog log(db_, true);
  EXPECT_EQ(log.id(), 0);
  log.record_file({"a.json", "extended", 1, 1, 0, "{}"}, {false, 1, 1, 1, 0, "{}"});
  log.pass_over("b.json", "failed", "broken");
  log.finish({true, 1, 1, 1, 0, "{}"});
  EXPECT_EQ(import_run_count(db_), 0);
}

TEST_F(ImportRunLogTest, AnIngestRunKeepsItsTotals) {
  const std::int64_t id = start_ingest_run(db_, 5);
  record_ingest_totals(db_, id, {2, 60, 40, 20});
  EXPECT_EQ(import_run_count(db_), 1);
  EXPECT_EQ(db_.scalar("SELECT files + rows_read + imported + duplicates FROM import_runs WHERE kind = 'ingest'"), 122);
}

}  // namespace
}  // namespace sonic::store
