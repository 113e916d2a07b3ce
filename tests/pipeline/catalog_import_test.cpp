// `sonic catalog import` into a real SQLite store: the tally, kept columns, duplicates, a
// re-import replacing the catalog, and a malformed file leaving the store as the files before it.
#include "sonic/pipeline/catalog_import.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sonic/core/error.hpp"
#include "sonic/pipeline/catalog_lab.hpp"
#include "sonic/store/catalog_store.hpp"
#include "sonic/store/schema.hpp"
#include "support/temp_dir.hpp"

namespace sonic::pipeline {
namespace {

using testing::TempDir;
using testing::write_file;

constexpr const char* kIdA = "4GiXBCUF7H6YfNQsnBRIzl";
constexpr const char* kIdB = "1zyqZONW985Cs4osz9wlsu";
constexpr const char* kIdC = "74cksX4vgcm0cHKaV7XE2L";

TEST(CatalogImport, TalliesEveryRowAndReplacesTheCatalogOnReimport) {
  TempDir dir;
  auto db = store::open_store(dir / "sonic.db");
  const auto first = write_file(dir / "hits" / "a.csv", std::string("track\tartist\turi\tenergy\ttarget\tdecade\n") +
                                                            "One\tX\tspotify:track:" + kIdA + "\t0.5\t1\t1960\n" +
                                                            "Two\tY\tspotify:track:" + kIdB + "\t0.2\t0\t1960\n" +
                                                            "Bad\tY\tspotify:track:" + kIdC + "\t9\t0\t1960\n");
  const auto second = write_file(dir / "hits" / "b.csv", std::string("id;energy;target;decade\n") + kIdA +
                                                             ";0.9;1;1970\n" + kIdC + ";0.4;0;1970\n");
  const CatalogImportResult result = import_catalog(db, {first, second}, {});
  EXPECT_EQ(result.catalog, "hits");
  EXPECT_EQ(result.tracks, 3);
  const auto json = to_json(result);
  EXPECT_EQ(json["rows"], 5);
  EXPECT_EQ(json["stored"], 3);
  EXPECT_EQ(json["duplicates"], 1);  // kIdA again: its first row stays
  EXPECT_EQ(json["skipped"]["bad_value"], 1);
  EXPECT_EQ(json["files"][0]["separator"], "tab");
  EXPECT_EQ(json["files"][1]["separator"], "semicolon");
  EXPECT_EQ(json["files"][0]["kept_columns"], nlohmann::json({"target"}));

  const auto summary = store::find_catalog(db, "hits");
  ASSERT_TRUE(summary);
  store::CatalogTableRequest request;
  request.track_ids = true;
  request.label_column = "target";
  const auto table = store::read_catalog_table(db, summary->id, request);
  EXPECT_EQ(table.track_ids, (std::vector<std::string>{kIdA, kIdB, kIdC}));
  EXPECT_EQ(table.labels, (std::vector<double>{1, 0, 0}));
  EXPECT_EQ(table.decades, (std::vector<int>{1960, 1960, 1970}));
  EXPECT_EQ(store::find_catalog_track(db, summary->id, kIdA)->features[2], 0.5);  // energy of the first row

  // Again, with one file: the catalog is that file's now, not both.
  CatalogImportOptions options;
  options.name = "hits";
  EXPECT_EQ(import_catalog(db, {second}, options).tracks, 2);
  EXPECT_EQ(store::list_catalogs(db).size(), 1u);
}

TEST(CatalogImport, AMalformedFileNamesItsLineAndLeavesTheFilesBeforeIt) {
  TempDir dir;
  auto db = store::open_store(dir / "sonic.db");
  const auto good = write_file(dir / "good.csv", std::string("id,energy\n") + kIdA + ",0.5\n");
  std::string rows = "id,energy\n";
  for (int i = 0; i < 300; ++i) rows += std::string(kIdB) + ",0.5\n";  // past the sample the reader takes
  const auto bad = write_file(dir / "bad.csv", rows + kIdC + ",0.5,oops\n");
  try {
    CatalogImportOptions options;
    options.name = "lab";
    import_catalog(db, {good, bad}, options);
    FAIL() << "accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()), bad.string() +
                                             ": line 302: 3 fields, but the header has 2 (the files before it "
                                             "were imported into catalog 'lab')");
  }
  EXPECT_EQ(resolve_catalog(db, "").tracks, 1);
  EXPECT_THROW(resolve_catalog(db, "other"), InputError);
  // The failed file's load had dropped the (catalog, track) index; its rollback brought it back.
  EXPECT_EQ(db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'catalog_tracks_by_track'"), 1);
}

// A 22-character base-62 track ID from a number.
std::string numbered_id(int number) {
  const std::string digits = std::to_string(number);
  return std::string(22 - digits.size(), 'Q') + digits;
}

void expect_same_numbers(const records::CatalogTable& read_from_chunks, const records::CatalogTable& read_from_rows) {
  ASSERT_EQ(read_from_chunks.size(), read_from_rows.size());
  EXPECT_EQ(read_from_chunks.years, read_from_rows.years);
  EXPECT_EQ(read_from_chunks.decades, read_from_rows.decades);
  for (std::size_t row = 0; row < read_from_rows.size(); ++row) {
    for (std::size_t i = 0; i < records::kCatalogFeatureCount; ++i) {
      const double chunk_value = read_from_chunks.features[row][i], row_value = read_from_rows.features[row][i];
      ASSERT_TRUE(chunk_value == row_value || (std::isnan(chunk_value) && std::isnan(row_value)))
          << "row " << row << ", feature " << i << ": " << chunk_value << " vs " << row_value;
    }
  }
}

TEST(CatalogImport, TheNumbersReadFromFeatureChunksEqualTheRowsAndACatalogWithoutChunksStillReads) {
  TempDir dir;
  auto db = store::open_store(dir / "sonic.db");
  // Two files, 9,000 + 3,000 rows: more than one 8,192-row chunk, a chunk per file's end, a
  // track repeated across the files (its first row stays), empty cells and years missing.
  std::string first = "id,year,energy,tempo,valence,loudness\n", second = first;
  for (int i = 0; i < 9000; ++i) {
    first += numbered_id(i) + "," + (i % 7 == 0 ? "" : std::to_string(1950 + i % 70)) + "," +
             std::to_string((i % 100) / 100.0) + "," + (i % 5 == 0 ? "" : std::to_string(60 + i % 120)) + ",0.25,-" +
             std::to_string(i % 30) + "\n";
  }
  for (int i = 8990; i < 11990; ++i) second += numbered_id(i) + ",2001,0.5,120,0.75,-3\n";
  const auto first_file = write_file(dir / "big" / "a.csv", first);
  const auto second_file = write_file(dir / "big" / "b.csv", second);
  const CatalogImportResult result = import_catalog(db, {first_file, second_file}, {});
  EXPECT_EQ(result.tracks, 11990);
  EXPECT_EQ(to_json(result)["duplicates"], 10);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM catalog_feature_chunks"), 3);  // 8,192 + 808, then 2,990
  EXPECT_EQ(db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'catalog_tracks_by_track'"), 1);

  const auto id = store::find_catalog(db, "big")->id;
  store::CatalogTableRequest rows_too;
  rows_too.track_ids = true;  // anything beyond the numbers is read row by row
  const records::CatalogTable from_rows = store::read_catalog_table(db, id, rows_too);
  const records::CatalogTable from_chunks = store::read_catalog_table(db, id, {});
  expect_same_numbers(from_chunks, from_rows);
  EXPECT_EQ(from_rows.track_ids[8990], numbered_id(8990));
  EXPECT_EQ(from_rows.years[8990], 1950 + 8990 % 70);  // the first file's row, not the second's 2001
  EXPECT_EQ(from_rows.years[9000], 2001);

  // A catalog imported before the chunks existed (schema step 8) is read from its rows.
  db.exec("DELETE FROM catalog_feature_chunks WHERE rowid = (SELECT max(rowid) FROM catalog_feature_chunks)");
  expect_same_numbers(store::read_catalog_table(db, id, {}), from_rows);

  // A small catalog added to a store holding a large one keeps the index and its own rows.
  const auto small = write_file(dir / "small.csv", std::string("id,energy\n") + kIdA + ",0.5\n");
  CatalogImportOptions options;
  options.name = "small";
  EXPECT_EQ(import_catalog(db, {small}, options).tracks, 1);
  const auto small_table = store::read_catalog_table(db, store::find_catalog(db, "small")->id, rows_too);
  EXPECT_EQ(small_table.track_ids, std::vector<std::string>{kIdA});
  EXPECT_EQ(store::find_catalog(db, "big")->tracks, 11990);
}

}  // namespace
}  // namespace sonic::pipeline
