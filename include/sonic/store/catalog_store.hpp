#pragma once
// The catalog lab's tables: catalogs by name and their tracks as column chunks (schema.cpp),
// written a file at a time by `sonic catalog import` and read column-wise by trends, clusters,
// the hit model, the report's placement, discovery and playlists.
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
#include "sonic/store/id_set.hpp"

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

// A chunk's text column: the cells end to end after their end offsets (CatalogTextCells reads it).
class CatalogTextColumn {
 public:
  void add(std::string_view cell);
  std::vector<std::byte> encode() const;
  void clear();

 private:
  std::vector<std::uint32_t> ends_;
  std::string bytes_;
};

// Appends one file's rows to a catalog as column chunks of up to 8,192 rows (schema step 12):
// track IDs, names, artists and albums in catalog_chunks, years, decades and the thirteen
// numbers in catalog_number_chunks, each kept column in catalog_kept_chunks. The caller gathers
// rows while a thread of the writer's own inserts the finished chunks (SQLite and the kernel's
// writes were half an import's CPU): between construction and finish() the connection belongs
// to that thread, and the caller must not use it. finish() writes the last chunk, waits for the
// thread, then writes the catalog's track count and its sorted ID index. The caller's
// transaction covers it all; destroyed before finish() (a malformed file), it stops the thread
// and leaves the rollback to the transaction.
class CatalogTrackWriter {
 public:
  // `kept`: the file's other columns by name, in the order of each row's `extra` cells.
  // `threaded`: false inserts each chunk on the caller's thread as it fills, for a caller that
  // uses the connection between rows (step 12 reads the old rows through it).
  CatalogTrackWriter(Database& db, std::int64_t catalog_id, std::string source_file, std::vector<std::string> kept,
                     IdSet& stored_ids, bool threaded = true);
  ~CatalogTrackWriter();
  CatalogTrackWriter(const CatalogTrackWriter&) = delete;
  CatalogTrackWriter& operator=(const CatalogTrackWriter&) = delete;
  // A row without a skip reason (a 22-character ID). False when the catalog already holds the track.
  bool write(const sources::CatalogFileRow& row);
  void finish();

  struct Chunk;  // one chunk's columns, gathered, then written
  class Background;

 private:
  void write_id_index();

  Database& db_;
  std::int64_t catalog_id_;
  std::vector<std::string> kept_;
  IdSet& stored_ids_;  // the catalog's IDs so far, across its files: entry i is row i
  std::int64_t stored_ = 0;
  std::size_t next_row_ = 0;  // the catalog row of the next track stored
  std::unique_ptr<Background> background_;
  std::unique_ptr<Chunk> chunk_;
};

std::optional<CatalogSummary> find_catalog(Database& db, std::string_view name);
std::vector<CatalogSummary> list_catalogs(Database& db);  // by name

// A text column of one chunk as read back: cell i, empty when the file left it empty.
class CatalogTextCells {
 public:
  // False when the blob does not hold `rows` cells.
  bool decode(std::span<const std::byte> blob, std::size_t rows);
  std::string_view operator[](std::size_t row) const;
  void clear_to(std::size_t rows);  // `rows` empty cells (a kept column a file did not have)

 private:
  std::vector<std::uint32_t> ends_;
  std::string bytes_;
};

// One chunk of a catalog as a walk reads it: the columns asked for, rows [first_row, first_row + rows).
struct CatalogChunk {
  static constexpr std::size_t kIdBytes = 22;
  std::size_t first_row = 0;
  std::size_t rows = 0;
  std::string track_ids;  // kIdBytes per row
  CatalogTextCells names, artists, albums;
  std::vector<CatalogTextCells> kept;  // CatalogChunkColumns::kept's order
  std::vector<std::int32_t> years, decades;
  std::vector<records::CatalogFeatureValues> features;

  std::string_view track_id(std::size_t row) const {
    return std::string_view(track_ids).substr(row * kIdBytes, kIdBytes);
  }
};

// What a read of a catalog's chunks takes besides the track IDs.
struct CatalogChunkColumns {
  bool names = false, artists = false, albums = false;
  bool numbers = false;  // years, decades and the thirteen numbers
  std::vector<std::string> kept;
};

// Every chunk of the catalog in row order (the files' order). A chunk whose columns are missing
// or damaged throws Error (ExitCode::unexpected): the store is broken, not the input.
using CatalogChunkVisitor = std::function<void(const CatalogChunk&)>;
void for_each_catalog_chunk(Database& db, std::int64_t catalog_id, const CatalogChunkColumns& columns,
                            const CatalogChunkVisitor& visit);
// The rows of the given track IDs through the catalog's sorted ID index: rows[i] for ids[i],
// nothing where the catalog does not hold it. One read per index chunk the IDs fall in.
std::vector<std::optional<std::size_t>> catalog_rows_of(Database& db, std::int64_t catalog_id,
                                                        std::span<const std::string> ids);
// The chunk holding each of `rows` (ascending), read once per chunk: visit(chunk, i) for
// rows[i], i ascending.
using CatalogRowVisitor = std::function<void(const CatalogChunk&, std::size_t)>;
void for_each_catalog_row(Database& db, std::int64_t catalog_id, std::span<const std::size_t> rows,
                          const CatalogChunkColumns& columns, const CatalogRowVisitor& visit);

struct CatalogTableRequest {
  bool track_ids = false;
  bool artists = false;
  // A numeric column read into `labels`: one of the thirteen features or a kept column's name
  // (non-numeric cells read as NaN). Empty: no labels.
  std::string label_column;
  std::vector<std::string> extra_columns;  // kept columns read as numbers into extra_values
};

// Every track of the catalog, in row order (the files' order), column-wise. A request for the
// years, decades and numbers alone reads catalog_number_chunks only.
records::CatalogTable read_catalog_table(Database& db, std::int64_t catalog_id, const CatalogTableRequest& request);

// The catalog's years and decades from its number chunks, in row order; nothing when the chunks
// do not cover every track (a chunk lost) or one is damaged.
struct CatalogPeriods {
  std::vector<int> years, decades;
};
std::optional<CatalogPeriods> read_chunk_periods(Database& db, std::int64_t catalog_id);
// The thirteen numbers of those chunks, one chunk at a time in row order: visit(first row,
// the chunk's rows). For a catalog read_chunk_periods found whole.
using FeatureChunkVisitor = std::function<void(std::size_t, std::span<const records::CatalogFeatureValues>)>;
void read_chunk_features(Database& db, std::int64_t catalog_id, const FeatureChunkVisitor& visit);

struct CatalogTrackDetails {
  std::string track_id, name, artists;
  int year = 0;
  int decade = 0;
  records::CatalogFeatureValues features{};
  std::vector<std::pair<std::string, std::string>> kept;  // the kept columns' cells it has, by name
};
std::optional<CatalogTrackDetails> find_catalog_track(Database& db, std::int64_t catalog_id, std::string_view track_id);

// Schema step 12: each catalog's rows in catalog_tracks written again as chunks, the files'
// order and every cell kept, then catalog_tracks and catalog_feature_chunks dropped. Nothing
// when catalog_tracks is gone already. Inside the migration's transaction.
void move_catalog_rows_to_chunks(Database& db);

}  // namespace sonic::store
