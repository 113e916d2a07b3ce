#pragma once
// The catalog lab's tables: catalogs by name and their tracks (schema.cpp), written a file at a
// time by `sonic catalog import` and read column-wise by trends, clusters and the hit model.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
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

// The track IDs a catalog import has stored so far, across its files. A track listed twice
// keeps its first row; finding repeats here rather than probing the table's index for every row
// lets a large import build that index once, after its rows (CatalogTrackWriter).
class CatalogTrackIds {
 public:
  bool insert(std::string_view track_id);  // false when already there

 private:
  void grow();

  // The IDs' bytes end to end; entry i spans ends_[i - 1] (0 for the first) to ends_[i].
  std::vector<char> bytes_;
  std::vector<std::uint64_t> ends_;
  // Open addressing with linear probing, at most half full: each slot is 0 (empty) or the
  // upper 32 bits of the ID's hash beside its entry number + 1, so a probe compares bytes only
  // when the hashes agree. A node set cost a cache miss per node and 13% of a 1.2M-row import.
  std::vector<std::uint64_t> slots_ = std::vector<std::uint64_t>(1024);
};

// Appends rows to one catalog, one file at a time; one statement, prepared once. Beside each row
// it gathers the catalog's feature chunks (schema step 9) and counts the catalog's tracks.
class CatalogTrackWriter {
 public:
  // `expected_rows`: an estimate of the rows to come. When they outnumber the rows the table
  // holds, the (catalog, track) index is dropped and built again by finish(): one sort instead
  // of a random index insert per row. The caller's transaction covers both.
  CatalogTrackWriter(Database& db, std::int64_t catalog_id, std::string source_file, CatalogTrackIds& stored_ids,
                     std::int64_t expected_rows);
  // A row without a skip reason. False when the catalog already holds the track.
  bool write(const sources::CatalogFileRow& row);
  // Writes the last chunk, the catalog's track count and the index if it was dropped; call it
  // before committing.
  void finish();

 private:
  void write_chunk();

  Database& db_;
  Statement insert_;
  std::int64_t catalog_id_;
  std::string source_file_;
  CatalogTrackIds& stored_ids_;
  bool index_dropped_ = false;
  std::int64_t stored_ = 0;
  // The chunk being gathered: the rowid of its first row, then its columns.
  std::int64_t chunk_first_rowid_ = 0;
  std::vector<std::int32_t> chunk_years_, chunk_decades_;
  std::vector<double> chunk_features_;
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

// Every track of the catalog, in rowid order (the files' order), column-wise. A request for the
// years, decades and numbers alone is read from the feature chunks when the catalog has them.
records::CatalogTable read_catalog_table(Database& db, std::int64_t catalog_id, const CatalogTableRequest& request);

// The catalog's years and decades from its feature chunks, in rowid order; nothing when the chunks
// do not cover every track (a catalog imported before them, or a chunk lost) or one is damaged.
struct CatalogPeriods {
  std::vector<int> years, decades;
};
std::optional<CatalogPeriods> read_chunk_periods(Database& db, std::int64_t catalog_id);
// The thirteen numbers of those chunks, one chunk at a time in rowid order: visit(first row,
// the chunk's rows). For a catalog read_chunk_periods found whole.
using FeatureChunkVisitor = std::function<void(std::size_t, std::span<const records::CatalogFeatureValues>)>;
void read_chunk_features(Database& db, std::int64_t catalog_id, const FeatureChunkVisitor& visit);

struct CatalogTrackDetails {
  std::string track_id, name, artists;
  int year = 0;
  int decade = 0;
  records::CatalogFeatureValues features{};
  std::string extra_json;  // "{}" when nothing else was kept
};
std::optional<CatalogTrackDetails> find_catalog_track(Database& db, std::int64_t catalog_id, std::string_view track_id);

}  // namespace sonic::store
