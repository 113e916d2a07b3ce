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
  // The failed file left no chunk, kept cell or index entry behind: the first file's alone.
  EXPECT_EQ(db.scalar("SELECT count(*) FROM catalog_chunks"), 1);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM catalog_number_chunks"), 1);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM catalog_id_index"), 1);
  const auto id = store::find_catalog(db, "lab")->id;
  const std::vector<std::string> ids = {kIdB, kIdA};
  EXPECT_EQ(store::catalog_rows_of(db, id, ids), (std::vector<std::optional<std::size_t>>{std::nullopt, 0}));
}

TEST(CatalogImport, AFileMalformedAfterWholeChunksLeavesTheStoreAsItWas) {
  // 9,000 good rows, then a broken one: a chunk is on the writer's thread when the error comes.
  TempDir dir;
  auto db = store::open_store(dir / "sonic.db");
  const auto good = write_file(dir / "good.csv", std::string("id,energy\n") + kIdA + ",0.5\n");
  CatalogImportOptions options;
  options.name = "lab";
  import_catalog(db, {good}, options);
  std::string rows = "id,energy\n";
  for (int i = 0; i < 9000; ++i) rows += std::string(22 - std::to_string(i).size(), 'Q') + std::to_string(i) + ",0.5\n";
  const auto bad = write_file(dir / "bad.csv", rows + kIdC + ",0.5,oops\n");
  try {
    import_catalog(db, {bad}, options);
    FAIL() << "accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()), bad.string() + ": line 9002: 3 fields, but the header has 2");
  }
  EXPECT_EQ(store::find_catalog(db, "lab")->tracks, 1);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM catalog_chunks"), 1);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM catalog_number_chunks"), 1);
  const std::vector<std::string> ids = {kIdA};
  EXPECT_EQ(store::catalog_rows_of(db, store::find_catalog(db, "lab")->id, ids)[0], 0u);
}

// A 22-character base-62 track ID from a number.
std::string numbered_id(int number) {
  const std::string digits = std::to_string(number);
  return std::string(22 - digits.size(), 'Q') + digits;
}

void expect_same_numbers(const records::CatalogTable& numbers_only, const records::CatalogTable& with_more) {
  ASSERT_EQ(numbers_only.size(), with_more.size());
  EXPECT_EQ(numbers_only.years, with_more.years);
  EXPECT_EQ(numbers_only.decades, with_more.decades);
  for (std::size_t row = 0; row < with_more.size(); ++row) {
    for (std::size_t i = 0; i < records::kCatalogFeatureCount; ++i) {
      const double a = numbers_only.features[row][i], b = with_more.features[row][i];
      ASSERT_TRUE(a == b || (std::isnan(a) && std::isnan(b))) << "row " << row << ", feature " << i;
    }
  }
}

TEST(CatalogImport, ChunksKeepTheFilesOrderAndEveryTrackIsFoundByItsId) {
  TempDir dir;
  auto db = store::open_store(dir / "sonic.db");
  // Two files, 9,000 + 3,000 rows: more than one 8,192-row chunk, a chunk per file's end, a
  // track repeated across the files (its first row stays), empty cells and years missing.
  std::string first = "id,year,energy,tempo,valence,loudness,genre\n", second = first;
  for (int i = 0; i < 9000; ++i) {
    first += numbered_id(i) + "," + (i % 7 == 0 ? "" : std::to_string(1950 + i % 70)) + "," +
             std::to_string((i % 100) / 100.0) + "," + (i % 5 == 0 ? "" : std::to_string(60 + i % 120)) + ",0.25,-" +
             std::to_string(i % 30) + ",";
    if (i % 3 != 0) first.append(1, 'g').append(std::to_string(i % 4));
    first += "\n";
  }
  for (int i = 8990; i < 11990; ++i) second += numbered_id(i) + ",2001,0.5,120,0.75,-3,\n";
  const auto first_file = write_file(dir / "big" / "a.csv", first);
  const auto second_file = write_file(dir / "big" / "b.csv", second);
  const CatalogImportResult result = import_catalog(db, {first_file, second_file}, {});
  EXPECT_EQ(result.tracks, 11990);
  EXPECT_EQ(to_json(result)["duplicates"], 10);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM catalog_number_chunks"), 3);  // 8,192 + 808, then 2,990
  auto starts =
      db.prepare("SELECT group_concat(first_row, ' ') FROM (SELECT first_row FROM catalog_chunks ORDER BY 1)");
  starts.step();
  EXPECT_EQ(starts.text(0), "0 8192 9000");
  // The second file's genre cells are all empty: its chunk has no genre row at all.
  EXPECT_EQ(db.scalar("SELECT count(*) FROM catalog_kept_chunks WHERE column_name = 'genre'"), 2);
  // 11,990 IDs sorted: two index chunks.
  EXPECT_EQ(db.scalar("SELECT count(*) FROM catalog_id_index"), 2);

  const auto id = store::find_catalog(db, "big")->id;
  store::CatalogTableRequest more;
  more.track_ids = true;
  more.label_column = "genre";
  const records::CatalogTable table = store::read_catalog_table(db, id, more);
  expect_same_numbers(store::read_catalog_table(db, id, {}), table);
  EXPECT_EQ(table.track_ids[8990], numbered_id(8990));
  EXPECT_EQ(table.years[8990], 1950 + 8990 % 70);  // the first file's row, not the second's 2001
  EXPECT_EQ(table.years[9000], 2001);
  EXPECT_TRUE(std::isnan(table.labels[1]));  // "g1" is text: no number

  std::vector<std::string> ids;
  for (int i = 0; i < 11990; ++i) ids.push_back(numbered_id(i));
  ids.push_back(kIdA);
  const auto rows = store::catalog_rows_of(db, id, ids);
  for (int i = 0; i < 11990; ++i) ASSERT_EQ(rows[static_cast<std::size_t>(i)], static_cast<std::size_t>(i)) << i;
  EXPECT_FALSE(rows.back());
  const auto track = store::find_catalog_track(db, id, numbered_id(8993));
  ASSERT_TRUE(track);
  EXPECT_EQ(track->year, 1950 + 8993 % 70);
  EXPECT_EQ(track->kept, (std::vector<std::pair<std::string, std::string>>{{"genre", "g1"}}));
  EXPECT_FALSE(store::find_catalog_track(db, id, kIdA));

  // A small catalog added to a store holding a large one has its own rows and index.
  const auto small = write_file(dir / "small.csv", std::string("id,energy\n") + kIdA + ",0.5\n");
  CatalogImportOptions options;
  options.name = "small";
  EXPECT_EQ(import_catalog(db, {small}, options).tracks, 1);
  const auto small_table = store::read_catalog_table(db, store::find_catalog(db, "small")->id, more);
  EXPECT_EQ(small_table.track_ids, std::vector<std::string>{kIdA});
  EXPECT_EQ(store::find_catalog(db, "big")->tracks, 11990);

  // A chunk lost from the store is an error that says so, not a shorter catalog.
  db.exec("DELETE FROM catalog_chunks WHERE first_row = 8192");
  try {
    store::read_catalog_table(db, id, more);
    FAIL() << "read a catalog with a chunk missing";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ExitCode::unexpected);
    EXPECT_NE(std::string(error.what()).find("rows 8192 onwards are missing"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace sonic::pipeline
