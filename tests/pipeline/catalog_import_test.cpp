// `sonic catalog import` into a real SQLite store: the tally, kept columns, duplicates, a
// re-import replacing the catalog, and a malformed file leaving the store as the files before it.
#include "sonic/pipeline/catalog_import.hpp"

#include <gtest/gtest.h>

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
}

}  // namespace
}  // namespace sonic::pipeline
