#pragma once
// The catalog lab's tables: catalogs by name and their tracks (schema.cpp), written a file at a
// time by `sonic catalog import` and read column-wise by trends, clusters and the hit model.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sonic/records/catalog_track.hpp"
#include "sonic/sources/catalog_csv.hpp"
#include "sonic/store/database.hpp"

namespace sonic::store {

struct CatalogSummary {
  std::int64_t id = 0;
  std::string name;
  std::int64_t imported_ms = 0;
  std::int64_t tracks = 0;
  std::vector<std::string> columns;  // the other columns kept by name
};

// Makes an empty catalog of that name, removing one that had it (its tracks go with it): a
// re-import replaces the catalog. Returns its id. The caller holds the transaction.
std::int64_t replace_catalog(Database& db, std::string_view name, std::int64_t imported_ms);
// Adds names to the catalog's list of kept columns (already listed ones once).
void add_catalog_columns(Database& db, std::int64_t catalog_id, const std::vector<std::string>& names);

// Appends rows to one catalog; one statement, prepared once.
class CatalogTrackWriter {
 public:
  CatalogTrackWriter(Database& db, std::int64_t catalog_id, std::string source_file);
  // A row without a skip reason. False when the catalog already holds the track: a track listed
  // twice keeps its first row (the first file, the first line).
  bool write(const sources::CatalogFileRow& row);

 private:
  Database& db_;
  Statement insert_;
  std::int64_t catalog_id_;
  std::string source_file_;
};

std::optional<CatalogSummary> find_catalog(Database& db, std::string_view name);
std::vector<CatalogSummary> list_catalogs(Database& db);  // by name

struct CatalogTableRequest {
  bool track_ids = false;
  bool artists = false;
  // A numeric column read into `labels`: one of the thirteen features or a kept column's name
  // (non-numeric cells read as NaN). Empty: no labels.
  std::string label_column;
  std::vector<std::string> extra_columns;  // kept columns read as numbers into extra_values
};

// Every track of the catalog, in rowid order (the files' order), column-wise.
records::CatalogTable read_catalog_table(Database& db, std::int64_t catalog_id, const CatalogTableRequest& request);

struct CatalogTrackDetails {
  std::string track_id, name, artists;
  int year = 0;
  int decade = 0;
  records::CatalogFeatureValues features{};
  std::string extra_json;  // "{}" when nothing else was kept
};
std::optional<CatalogTrackDetails> find_catalog_track(Database& db, std::int64_t catalog_id, std::string_view track_id);

}  // namespace sonic::store
