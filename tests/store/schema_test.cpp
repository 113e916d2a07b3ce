#include "sonic/store/schema.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sonic/core/error.hpp"
#include "sonic/store/catalog_store.hpp"
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

TEST(Schema, StepTwelveMovesEachCatalogsRowsIntoChunksKeepingEveryCell) {
  // A store as step 11 left it: catalog rows in catalog_tracks (steps 4 and 9's tables), the
  // kept columns as JSON numbers and strings, two files. Step 12 converts them and drops both.
  testing::TempDir dir;
  const std::string id_a = "4GiXBCUF7H6YfNQsnBRIzl", id_b = "1zyqZONW985Cs4osz9wlsu", id_c = "74cksX4vgcm0cHKaV7XE2L";
  std::int64_t catalog = 0;
  {
    Database db = open_store(dir / "sonic.db");
    db.exec(R"sql(
CREATE TABLE catalog_tracks (
  catalog_id INTEGER NOT NULL REFERENCES catalogs(id) ON DELETE CASCADE, track_id TEXT NOT NULL, name TEXT,
  artists TEXT, album TEXT, year INTEGER, decade INTEGER, acousticness REAL, danceability REAL, energy REAL,
  instrumentalness REAL, key INTEGER, liveness REAL, loudness REAL, mode INTEGER, speechiness REAL, tempo REAL,
  valence REAL, duration_ms REAL, time_signature REAL, extra TEXT, source_file TEXT NOT NULL);
CREATE TABLE catalog_feature_chunks (catalog_id INTEGER, first_rowid INTEGER, rows INTEGER, years BLOB,
  decades BLOB, features BLOB);
INSERT INTO catalogs (name, imported_ms, columns, tracks) VALUES ('old', 5, '["target","genre"]', 3);
)sql");
    catalog = db.last_insert_id();
    db.exec(
        "INSERT INTO catalog_tracks (catalog_id, track_id, name, artists, year, decade, energy, tempo, extra, "
        "source_file) VALUES (" +
        std::to_string(catalog) + ", '" + id_b + "', 'B', 'X', 1999, 1990, 0.5, NULL, " +
        "'{\"target\":1,\"genre\":\"pop\"}', 'a.csv'), (" + std::to_string(catalog) + ", '" + id_a +
        "', NULL, NULL, NULL, NULL, 0.25, 120, NULL, 'a.csv'), (" + std::to_string(catalog) + ", '" + id_c +
        "', 'C', 'Y', 2001, 2000, 0.75, 90, '{\"target\":0.5}', 'b.csv')");
    // A second catalog larger than a chunk: the conversion reads old rows while chunks fill.
    db.exec(R"sql(
INSERT INTO catalogs (name, imported_ms, columns, tracks) VALUES ('large', 6, '[]', 9000);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 8999)
INSERT INTO catalog_tracks (catalog_id, track_id, year, energy, source_file)
  SELECT (SELECT id FROM catalogs WHERE name = 'large'), printf('%022d', i), 1900 + i % 100, 0.5, 'large.csv' FROM n;
)sql");
    db.exec("PRAGMA user_version = 11");
  }
  Database db = open_store(dir / "sonic.db");
  EXPECT_EQ(db.scalar("PRAGMA user_version"), latest_schema_version());
  EXPECT_EQ(db.scalar("SELECT count(*) FROM sqlite_schema WHERE name IN ('catalog_tracks', 'catalog_feature_chunks')"),
            0);
  EXPECT_EQ(find_catalog(db, "old")->tracks, 3);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM catalog_chunks WHERE catalog_id = " + std::to_string(catalog)),
            2);  // one per file
  CatalogTableRequest request;
  request.track_ids = request.artists = true;
  request.label_column = "target";
  const records::CatalogTable table = read_catalog_table(db, catalog, request);
  EXPECT_EQ(table.track_ids, (std::vector<std::string>{id_b, id_a, id_c}));
  EXPECT_EQ(table.artists, (std::vector<std::string>{"X", "", "Y"}));
  EXPECT_EQ(table.years, (std::vector<int>{1999, 0, 2001}));
  EXPECT_EQ(table.labels[0], 1);
  EXPECT_TRUE(std::isnan(table.labels[1]));
  EXPECT_EQ(table.labels[2], 0.5);
  EXPECT_EQ(table.features[1][records::catalog_feature_index("tempo")], 120);
  EXPECT_TRUE(std::isnan(table.features[0][records::catalog_feature_index("tempo")]));
  const auto track = find_catalog_track(db, catalog, id_b);
  ASSERT_TRUE(track);
  EXPECT_EQ(track->name, "B");
  EXPECT_EQ(track->kept, (std::vector<std::pair<std::string, std::string>>{{"target", "1"}, {"genre", "pop"}}));
  EXPECT_EQ(find_catalog_track(db, catalog, id_c)->decade, 2000);

  const auto large = find_catalog(db, "large");
  ASSERT_TRUE(large);
  EXPECT_EQ(large->tracks, 9000);
  const records::CatalogTable years = read_catalog_table(db, large->id, {});
  ASSERT_EQ(years.size(), 9000u);
  EXPECT_EQ(years.years[8999], 1999);
  const std::vector<std::string> ids = {"000000000000000000000000", "0000000000000000008999", "0000000000000000000000"};
  EXPECT_EQ(catalog_rows_of(db, large->id, ids), (std::vector<std::optional<std::size_t>>{std::nullopt, 8999, 0}));
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
