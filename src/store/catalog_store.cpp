#include "sonic/store/catalog_store.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <cmath>
#include <nlohmann/json.hpp>

#include "sonic/core/error.hpp"

namespace sonic::store {
namespace {

// "acousticness, danceability, …, time_signature": the thirteen columns in record order.
std::string feature_columns() {
  std::string columns;
  for (const std::string_view name : records::kCatalogFeatureNames) {
    columns += (columns.empty() ? "" : ", ") + std::string(name);
  }
  return columns;
}

std::string insert_sql() {
  std::string values = "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9";
  for (std::size_t i = 0; i < records::kCatalogFeatureCount; ++i) {
    values += ", ?";
    values += std::to_string(10 + i);
  }
  return "INSERT INTO catalog_tracks (catalog_id, track_id, name, artists, album, year, decade, extra, source_file, " +
         feature_columns() + ") VALUES (" + values + ")";
}

// The same index as schema step 4 made; a bulk load drops it and builds it again.
constexpr std::string_view kTrackIndexSql =
    "CREATE INDEX IF NOT EXISTS catalog_tracks_by_track ON catalog_tracks(catalog_id, track_id)";

constexpr std::size_t kChunkRows = 8192;
static_assert(std::endian::native == std::endian::little,
              "feature chunks are stored little-endian; a big-endian build needs byte swaps here");

template <typename T>
std::span<const std::byte> bytes_of(const std::vector<T>& values) {
  return std::as_bytes(std::span<const T>(values));
}

// A chunk's array back from its blob; false when the blob does not hold `count` values.
template <typename T>
bool copy_blob(std::span<const std::byte> blob, std::size_t count, T* out) {
  if (blob.size() != count * sizeof(T)) return false;
  std::memcpy(out, blob.data(), blob.size());
  return true;
}

std::optional<std::string_view> text_or_null(std::string_view text) {
  if (text.empty()) return std::nullopt;
  return text;
}

CatalogSummary summary_of(Statement& row) {
  CatalogSummary summary;
  summary.id = row.integer(0);
  summary.name = row.text(1);
  summary.imported_ms = row.integer(2);
  summary.tracks = row.integer(4);
  const auto columns = nlohmann::json::parse(row.text(3), nullptr, false);
  if (columns.is_array()) {
    for (const auto& column : columns) {
      if (column.is_string()) summary.columns.push_back(column.get<std::string>());
    }
  }
  return summary;
}

constexpr std::string_view kSummarySelect = "SELECT c.id, c.name, c.imported_ms, c.columns, c.tracks FROM catalogs c ";

}  // namespace

std::int64_t replace_catalog(Database& db, std::string_view name, std::int64_t imported_ms) {
  db.prepare("DELETE FROM catalogs WHERE name = ?1").bind(1, name).run();
  db.prepare("INSERT INTO catalogs (name, imported_ms) VALUES (?1, ?2)").bind(1, name).bind(2, imported_ms).run();
  return db.last_insert_id();
}

void add_catalog_columns(Database& db, std::int64_t catalog_id, const std::vector<std::string>& names) {
  auto read = db.prepare("SELECT columns FROM catalogs WHERE id = ?1");
  read.bind(1, catalog_id);
  if (!read.step()) return;
  std::vector<std::string> columns;
  const auto stored = nlohmann::json::parse(read.text(0), nullptr, false);
  if (stored.is_array()) {
    for (const auto& column : stored) {
      if (column.is_string()) columns.push_back(column.get<std::string>());
    }
  }
  for (const std::string& name : names) {
    if (std::find(columns.begin(), columns.end(), name) == columns.end()) columns.push_back(name);
  }
  db.prepare("UPDATE catalogs SET columns = ?2 WHERE id = ?1")
      .bind(1, catalog_id)
      .bind(2, nlohmann::json(columns).dump())
      .run();
}

bool CatalogTrackIds::insert(std::string_view track_id) {
  const std::size_t hash = std::hash<std::string_view>{}(track_id);
  const std::uint64_t tag = static_cast<std::uint64_t>(hash) >> 32 << 32;
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = hash & mask;
  for (; slots_[slot] != 0; slot = (slot + 1) & mask) {
    if ((slots_[slot] & ~std::uint64_t{0xffffffff}) != tag) continue;
    const std::size_t entry = (slots_[slot] & 0xffffffff) - 1;
    const std::size_t begin = entry == 0 ? 0 : ends_[entry - 1];
    if (std::string_view(bytes_.data() + begin, ends_[entry] - begin) == track_id) return false;
  }
  bytes_.insert(bytes_.end(), track_id.begin(), track_id.end());
  ends_.push_back(bytes_.size());
  slots_[slot] = tag | ends_.size();
  if (ends_.size() * 2 > slots_.size()) grow();
  return true;
}

void CatalogTrackIds::grow() {
  std::vector<std::uint64_t> slots(slots_.size() * 2);
  const std::size_t mask = slots.size() - 1;
  for (std::size_t entry = 0; entry < ends_.size(); ++entry) {
    const std::size_t begin = entry == 0 ? 0 : ends_[entry - 1];
    const std::size_t hash =
        std::hash<std::string_view>{}(std::string_view(bytes_.data() + begin, ends_[entry] - begin));
    std::size_t slot = hash & mask;
    while (slots[slot] != 0) slot = (slot + 1) & mask;
    slots[slot] = (static_cast<std::uint64_t>(hash) >> 32 << 32) | (entry + 1);
  }
  slots_ = std::move(slots);
}

CatalogTrackWriter::CatalogTrackWriter(Database& db, std::int64_t catalog_id, std::string source_file,
                                       CatalogTrackIds& stored_ids, std::int64_t expected_rows)
    : db_(db),
      insert_(db.prepare(insert_sql())),
      catalog_id_(catalog_id),
      source_file_(std::move(source_file)),
      stored_ids_(stored_ids) {
  // When the index stays, it grows at random places for every row: a cache that holds it
  // spares re-reading its pages (64 MB, well inside the import's memory goal).
  db.exec("PRAGMA cache_size = -65536");
  // max(rowid) is the table's size give or take deleted rows: estimate against estimate.
  if (expected_rows >= db.scalar("SELECT max(rowid) FROM catalog_tracks")) {
    db.exec("DROP INDEX IF EXISTS catalog_tracks_by_track");
    index_dropped_ = true;
  }
  chunk_years_.reserve(kChunkRows);
  chunk_decades_.reserve(kChunkRows);
  chunk_features_.reserve(kChunkRows * records::kCatalogFeatureCount);
}

bool CatalogTrackWriter::write(const sources::CatalogFileRow& row) {
  if (!stored_ids_.insert(row.track_id)) return false;
  insert_.bind(1, catalog_id_)
      .bind_view(2, std::string_view(row.track_id))
      .bind_view(3, text_or_null(row.name))
      .bind_view(4, text_or_null(row.artists))
      .bind_view(5, text_or_null(row.album));
  if (row.year) {
    insert_.bind(6, row.year);
  } else {
    insert_.bind_null(6);
  }
  if (row.decade) {
    insert_.bind(7, row.decade);
  } else {
    insert_.bind_null(7);
  }
  insert_.bind_view(8, text_or_null(row.extra_json)).bind_view(9, std::string_view(source_file_));
  for (std::size_t i = 0; i < records::kCatalogFeatureCount; ++i) {
    const double value = row.features[i];
    const int parameter = 10 + static_cast<int>(i);
    if (std::isnan(value)) {
      insert_.bind_null(parameter);
    } else {
      insert_.bind(parameter, value);
    }
  }
  insert_.run();
  ++stored_;
  if (chunk_years_.empty()) chunk_first_rowid_ = db_.last_insert_id();
  chunk_years_.push_back(row.year);
  chunk_decades_.push_back(row.decade);
  chunk_features_.insert(chunk_features_.end(), row.features.begin(), row.features.end());
  if (chunk_years_.size() == kChunkRows) write_chunk();
  return true;
}

void CatalogTrackWriter::write_chunk() {
  if (chunk_years_.empty()) return;
  db_.prepare(
         "INSERT INTO catalog_feature_chunks (catalog_id, first_rowid, rows, years, decades, features) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(1, catalog_id_)
      .bind(2, chunk_first_rowid_)
      .bind(3, static_cast<std::int64_t>(chunk_years_.size()))
      .bind_blob_view(4, bytes_of(chunk_years_))
      .bind_blob_view(5, bytes_of(chunk_decades_))
      .bind_blob_view(6, bytes_of(chunk_features_))
      .run();
  chunk_years_.clear();
  chunk_decades_.clear();
  chunk_features_.clear();
}

void CatalogTrackWriter::finish() {
  write_chunk();
  db_.prepare("UPDATE catalogs SET tracks = tracks + ?2 WHERE id = ?1").bind(1, catalog_id_).bind(2, stored_).run();
  stored_ = 0;
  if (index_dropped_) db_.exec(kTrackIndexSql);
  index_dropped_ = false;
}

std::optional<CatalogSummary> find_catalog(Database& db, std::string_view name) {
  auto row = db.prepare(std::string(kSummarySelect) + "WHERE c.name = ?1");
  row.bind(1, name);
  if (!row.step()) return std::nullopt;
  return summary_of(row);
}

std::vector<CatalogSummary> list_catalogs(Database& db) {
  auto row = db.prepare(std::string(kSummarySelect) + "ORDER BY c.name");
  std::vector<CatalogSummary> catalogs;
  while (row.step()) catalogs.push_back(summary_of(row));
  return catalogs;
}

namespace {

// A numeric column by name: one of the thirteen, else a kept column's number (text reads NULL).
// Kept columns are addressed by a bound JSON path, never by splicing their name into the SQL.
std::string numeric_column(const std::string& name, int path_parameter) {
  if (records::catalog_feature_index(name) < records::kCatalogFeatureCount) return name;
  std::string path = "?";
  path += std::to_string(path_parameter);
  return "CASE WHEN json_type(extra, " + path + ") IN ('integer', 'real') THEN json_extract(extra, " + path + ") END";
}

std::string json_path(const std::string& name) { return "$.\"" + name + "\""; }

}  // namespace

namespace {

// The catalog's tracks from its feature chunks (schema step 9): years, decades and numbers in
// rowid order. Nothing when the chunks do not cover every track.
std::optional<records::CatalogTable> read_feature_chunks(Database& db, std::int64_t catalog_id) {
  std::optional<CatalogPeriods> periods = read_chunk_periods(db, catalog_id);
  if (!periods) return std::nullopt;
  records::CatalogTable table;
  table.features.resize(periods->years.size());
  table.years = std::move(periods->years);
  table.decades = std::move(periods->decades);
  read_chunk_features(db, catalog_id, [&](std::size_t first, std::span<const records::CatalogFeatureValues> rows) {
    std::copy(rows.begin(), rows.end(), table.features.begin() + static_cast<std::ptrdiff_t>(first));
  });
  return table;
}

// The first and last rowid of the catalog's tracks: from its chunks when they cover it, else from
// the index (a scan of the catalog's index entries: rowid is not the index's order).
std::pair<std::int64_t, std::int64_t> catalog_rowid_range(Database& db, std::int64_t catalog_id) {
  // Chunks that do not cover every track (one lost, or an older catalog) say nothing of the range.
  auto range = db.prepare(
      "SELECT min(first_rowid), max(first_rowid + rows - 1) FROM catalog_feature_chunks WHERE catalog_id = ?1 "
      "HAVING sum(rows) = (SELECT tracks FROM catalogs WHERE id = ?1)");
  range.bind(1, catalog_id);
  if (range.step() && !range.is_null(0)) return {range.integer(0), range.integer(1)};
  auto scan = db.prepare("SELECT min(rowid), max(rowid) FROM catalog_tracks WHERE catalog_id = ?1");
  scan.bind(1, catalog_id);
  scan.step();
  return {scan.optional_integer(0).value_or(0), scan.optional_integer(1).value_or(-1)};
}

}  // namespace

std::optional<CatalogPeriods> read_chunk_periods(Database& db, std::int64_t catalog_id) {
  // length() of a blob reads its size from the record header, not the ~850 kB of numbers.
  auto chunk = db.prepare(
      "SELECT rows, years, decades, length(features), (SELECT tracks FROM catalogs WHERE id = ?1) "
      "FROM catalog_feature_chunks WHERE catalog_id = ?1 ORDER BY first_rowid");
  chunk.bind(1, catalog_id);
  CatalogPeriods periods;
  std::int64_t tracks = -1;
  std::vector<std::int32_t> numbers;
  while (chunk.step()) {
    tracks = chunk.integer(4);
    const auto rows = static_cast<std::size_t>(chunk.integer(0));
    const std::size_t first = periods.years.size();
    if (first + rows > static_cast<std::size_t>(tracks)) return std::nullopt;
    if (chunk.integer(3) != static_cast<std::int64_t>(rows * sizeof(records::CatalogFeatureValues))) {
      return std::nullopt;
    }
    if (periods.years.empty()) {
      periods.years.reserve(static_cast<std::size_t>(tracks));
      periods.decades.reserve(static_cast<std::size_t>(tracks));
    }
    numbers.resize(rows);
    if (!copy_blob(chunk.blob(1), rows, numbers.data())) return std::nullopt;
    periods.years.insert(periods.years.end(), numbers.begin(), numbers.end());
    if (!copy_blob(chunk.blob(2), rows, numbers.data())) return std::nullopt;
    periods.decades.insert(periods.decades.end(), numbers.begin(), numbers.end());
  }
  if (tracks < 0 || periods.years.size() != static_cast<std::size_t>(tracks)) return std::nullopt;
  return periods;
}

void read_chunk_features(Database& db, std::int64_t catalog_id, const FeatureChunkVisitor& visit) {
  auto chunk =
      db.prepare("SELECT rows, features FROM catalog_feature_chunks WHERE catalog_id = ?1 ORDER BY first_rowid");
  chunk.bind(1, catalog_id);
  static_assert(sizeof(records::CatalogFeatureValues) == records::kCatalogFeatureCount * sizeof(double));
  // SQLite's blob need not be aligned for doubles: each chunk is copied into this buffer first.
  std::vector<records::CatalogFeatureValues> rows;
  std::size_t first = 0;
  while (chunk.step()) {
    rows.resize(static_cast<std::size_t>(chunk.integer(0)));
    if (!copy_blob(chunk.blob(1), rows.size() * records::kCatalogFeatureCount, rows.front().data())) {
      throw Error(ExitCode::unexpected,
                  "a feature chunk of catalog " + std::to_string(catalog_id) + " changed size while it was read");
    }
    visit(first, rows);
    first += rows.size();
  }
}

records::CatalogTable read_catalog_table(Database& db, std::int64_t catalog_id, const CatalogTableRequest& request) {
  const bool numbers_only =
      !request.track_ids && !request.artists && request.label_column.empty() && request.extra_columns.empty();
  if (numbers_only) {
    if (auto table = read_feature_chunks(db, catalog_id)) return std::move(*table);
  }
  const std::string label = request.label_column.empty() ? "NULL" : numeric_column(request.label_column, 2);
  std::string extras;
  for (std::size_t i = 0; i < request.extra_columns.size(); ++i) {
    extras += ", " + numeric_column(request.extra_columns[i], 3 + static_cast<int>(i));
  }
  // The rowid range's two parameters follow the extra columns' paths (?3…).
  const int first_range_parameter = 3 + static_cast<int>(request.extra_columns.size());
  // A catalog's rows sit in one rowid range (each file is inserted in one go). Reading that
  // range in rowid order is one sequential pass; letting the planner use the index for
  // `catalog_id = ?` instead costs a random table lookup per row and a sort (16 s instead of
  // 2 s for 1.2M rows). The unary `+` keeps the planner off the index; the filter stays, so
  // rows of another catalog inside the range are still left out.
  const auto [first_rowid, last_rowid] = catalog_rowid_range(db, catalog_id);
  auto row = db.prepare("SELECT year, decade, " + std::string(request.track_ids ? "track_id" : "NULL") + ", " +
                        (request.artists ? "artists" : "NULL") + ", " + label + ", " + feature_columns() + extras +
                        " FROM catalog_tracks WHERE rowid BETWEEN ?" + std::to_string(first_range_parameter) +
                        " AND ?" + std::to_string(first_range_parameter + 1) + " AND +catalog_id = ?1 ORDER BY rowid");
  row.bind(1, catalog_id).bind(first_range_parameter, first_rowid).bind(first_range_parameter + 1, last_rowid);
  // ?2 exists when the label or any extra column is read through a path (?3… need ?2 bound too).
  if (label.starts_with("CASE") || !request.extra_columns.empty()) row.bind(2, json_path(request.label_column));
  for (std::size_t i = 0; i < request.extra_columns.size(); ++i) {
    row.bind(3 + static_cast<int>(i), json_path(request.extra_columns[i]));
  }
  records::CatalogTable table;
  table.extra_names = request.extra_columns;
  table.extra_values.resize(request.extra_columns.size());
  constexpr int kFirstFeature = 5;
  constexpr int kFirstExtra = kFirstFeature + static_cast<int>(records::kCatalogFeatureCount);
  while (row.step()) {
    table.years.push_back(static_cast<int>(row.is_null(0) ? 0 : row.integer(0)));
    table.decades.push_back(static_cast<int>(row.is_null(1) ? 0 : row.integer(1)));
    if (request.track_ids) table.track_ids.push_back(row.text(2));
    if (request.artists) table.artists.push_back(row.is_null(3) ? std::string() : row.text(3));
    if (!request.label_column.empty()) table.labels.push_back(row.optional_real(4).value_or(records::kMissingValue));
    records::CatalogFeatureValues& values = table.features.emplace_back();
    for (std::size_t i = 0; i < records::kCatalogFeatureCount; ++i) {
      values[i] = row.optional_real(kFirstFeature + static_cast<int>(i)).value_or(records::kMissingValue);
    }
    for (std::size_t i = 0; i < request.extra_columns.size(); ++i) {
      table.extra_values[i].push_back(
          row.optional_real(kFirstExtra + static_cast<int>(i)).value_or(records::kMissingValue));
    }
  }
  return table;
}

std::optional<CatalogTrackDetails> find_catalog_track(Database& db, std::int64_t catalog_id,
                                                      std::string_view track_id) {
  auto row = db.prepare("SELECT track_id, name, artists, year, decade, extra, " + feature_columns() +
                        " FROM catalog_tracks WHERE catalog_id = ?1 AND track_id = ?2 ORDER BY rowid LIMIT 1");
  row.bind(1, catalog_id).bind(2, track_id);
  if (!row.step()) return std::nullopt;
  CatalogTrackDetails details;
  details.track_id = row.text(0);
  details.name = row.optional_text(1).value_or("");
  details.artists = row.optional_text(2).value_or("");
  details.year = static_cast<int>(row.optional_integer(3).value_or(0));
  details.decade = static_cast<int>(row.optional_integer(4).value_or(0));
  details.extra_json = row.optional_text(5).value_or("{}");
  for (std::size_t i = 0; i < records::kCatalogFeatureCount; ++i) {
    details.features[i] = row.optional_real(6 + static_cast<int>(i)).value_or(records::kMissingValue);
  }
  return details;
}

}  // namespace sonic::store
