#include "sonic/store/new_store_build.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <stdexcept>

#include "sonic/store/schema.hpp"
#include "support/temp_dir.hpp"

namespace sonic::store {
namespace {

namespace fs = std::filesystem;

std::string first_text(Database& db, const char* sql) {
  Statement statement = db.prepare(sql);
  EXPECT_TRUE(statement.step()) << sql;
  return statement.text(0);
}

class NewStoreBuildTest : public ::testing::Test {
 protected:
  testing::TempDir dir_;
  fs::path path_ = dir_ / "sonic.db";
  fs::path scratch_ = new_store_scratch_path(path_);
};

TEST_F(NewStoreBuildTest, TheBuildIsMadeAsideAndAppearsWholeInWalMode) {
  EXPECT_EQ(scratch_, dir_ / "sonic.db.building");
  build_new_store(path_, [&](Database& db) {
    EXPECT_FALSE(fs::exists(path_)) << "the store appeared before its build ended";
    EXPECT_EQ(first_text(db, "PRAGMA journal_mode"), "memory");
    Transaction transaction(db);
    db.exec("CREATE TABLE kept(x INTEGER); INSERT INTO kept VALUES (1), (2), (3);");
    transaction.commit();
  });
  EXPECT_FALSE(fs::exists(scratch_));
  Database db = Database::open_read_only(path_);
  EXPECT_EQ(first_text(db, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(db.scalar("SELECT sum(x) FROM kept"), 6);
  EXPECT_EQ(db.scalar("PRAGMA user_version"), latest_schema_version());
  EXPECT_EQ(first_text(db, "PRAGMA integrity_check"), "ok");
}

TEST_F(NewStoreBuildTest, AFailedBuildLeavesNeitherTheStoreNorItsScratch) {
  EXPECT_THROW(build_new_store(path_,
                               [&](Database& db) {
                                 db.exec("CREATE TABLE lost(x INTEGER)");
                                 throw std::runtime_error("the third file is malformed");
                               }),
               std::runtime_error);
  EXPECT_FALSE(fs::exists(path_));
  EXPECT_FALSE(fs::exists(scratch_));
}

TEST_F(NewStoreBuildTest, AScratchLeftByAKilledBuildIsReplaced) {
  fs::create_directories(dir_.path());
  std::ofstream(scratch_) << "half of a store a killed build left behind";
  build_new_store(path_, [](Database& db) { db.exec("CREATE TABLE fresh(x INTEGER)"); });
  Database db = Database::open_read_only(path_);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM fresh"), 0);
  EXPECT_FALSE(fs::exists(scratch_));
}

}  // namespace
}  // namespace sonic::store
