#include "sonic/pipeline/import_into_home.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "sonic/store/import_run_log.hpp"
#include "sonic/store/new_store_build.hpp"
#include "sonic/store/schema.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"

namespace sonic::pipeline {
namespace {

namespace fs = std::filesystem;

fs::path fixture(const std::string& name) { return testing::test_data("import/" + name); }

class ImportIntoHomeTest : public ::testing::Test {
 protected:
  ImportResult import(const std::vector<fs::path>& paths, ImportOptions options = {}) {
    return import_into_home(home_, paths, options);
  }

  testing::TempDir dir_;
  Home home_{dir_ / "home", dir_ / "home" / "sonic.db"};
};

TEST_F(ImportIntoHomeTest, ADryRunWithoutAStoreReadsEverythingAndCreatesNothing) {
  ImportOptions options;
  options.dry_run = true;
  const auto report = import({fixture("endsong_0.json")}, options);
  EXPECT_EQ(report.tally.imported, 1);
  EXPECT_FALSE(fs::exists(home_.database));
  EXPECT_FALSE(fs::exists(home_.dir));  // not even the home: no lock was taken
}

TEST_F(ImportIntoHomeTest, AFailedFirstImportLeavesNoStoreAndAFailedLaterOneKeepsIt) {
  EXPECT_THROW(import({fixture("bad/truncated.json")}), InputError);
  EXPECT_FALSE(fs::exists(home_.database));
  EXPECT_FALSE(fs::exists(store::new_store_scratch_path(home_.database)));

  EXPECT_EQ(import({fixture("endsong_0.json")}).tally.imported, 1);
  EXPECT_THROW(import({fixture("bad/truncated.json")}), InputError);
  ASSERT_TRUE(fs::exists(home_.database));
  store::Database db = store::open_store(home_.database);
  EXPECT_GE(store::import_run_count(db), 1);
}

// A new home's store is built aside and renamed into place (store/new_store_build.hpp): it is a
// store like any other afterwards, WAL included, with nothing left beside it.
TEST_F(ImportIntoHomeTest, AFirstImportPutsAWholeStoreInPlace) {
  EXPECT_EQ(import({fixture("endsong_0.json")}).tally.imported, 1);
  EXPECT_FALSE(fs::exists(store::new_store_scratch_path(home_.database)));
  store::Database db = store::open_store(home_.database);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM plays"), 1);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
  EXPECT_EQ(import({fixture("endsong_0.json")}).tally.imported, 0);  // the second import finds it
}

// The first import's bulk load gives up at the bad file and imports again file by file: the good
// file before it is committed on its own, so the new store is kept with it, as an existing store
// would keep it, and the error still reaches the caller.
TEST_F(ImportIntoHomeTest, AFirstImportThatFailsAfterAGoodFileKeepsThatFile) {
  EXPECT_THROW(import({fixture("endsong_0.json"), fixture("bad/truncated.json")}), InputError);
  ASSERT_TRUE(fs::exists(home_.database));
  EXPECT_FALSE(fs::exists(store::new_store_scratch_path(home_.database)));
  store::Database db = store::open_store(home_.database);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM plays"), 1);
}

TEST_F(ImportIntoHomeTest, KeepGoingReportsTheFailedFileAndItsErrorComesFromTheReport) {
  ImportOptions options;
  options.keep_going = true;
  const auto report = import({fixture("endsong_0.json"), fixture("bad/truncated.json")}, options);
  EXPECT_EQ(report.tally.imported, 1);
  ASSERT_EQ(report.failures.size(), 1u);
  try {
    report.throw_if_failed();
    FAIL() << "no error for the failed file";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("1 file(s) could not be imported; first: "), std::string::npos);
  }
}

}  // namespace
}  // namespace sonic::pipeline
