#include "sonic/store/catalog_store.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <bit>
#include <cstring>
#include <cmath>
#include <nlohmann/json.hpp>

#include "sonic/core/error.hpp"

namespace sonic::store {
namespace {

constexpr std::size_t kChunkRows = 8192;
constexpr std::size_t kIdBytes = CatalogChunk::kIdBytes;
static_assert(std::endian::native == std::endian::little,
              "chunks are stored little-endian; a big-endian build needs byte swaps here");

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

[[noreturn]] void damaged(std::int64_t catalog_id, const std::string& what) {
  throw Error(ExitCode::unexpected,
              "catalog " + std::to_string(catalog_id) + " is damaged in the store: " + what + " (import it again)");
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

void CatalogTextColumn::add(std::string_view cell) {
  bytes_.append(cell);
  ends_.push_back(static_cast<std::uint32_t>(bytes_.size()));
}

std::vector<std::byte> CatalogTextColumn::encode() const {
  const auto ends = std::as_bytes(std::span<const std::uint32_t>(ends_));
  std::vector<std::byte> blob(ends.size() + bytes_.size());
  std::memcpy(blob.data(), ends.data(), ends.size());
  if (!bytes_.empty()) std::memcpy(blob.data() + ends.size(), bytes_.data(), bytes_.size());
  return blob;
}

void CatalogTextColumn::clear() {
  ends_.clear();
  bytes_.clear();
}

bool CatalogTextCells::decode(std::span<const std::byte> blob, std::size_t rows) {
  const std::size_t ends_size = rows * sizeof(std::uint32_t);
  if (blob.size() < ends_size) return false;
  ends_.resize(rows);
  if (rows > 0) std::memcpy(ends_.data(), blob.data(), ends_size);
  bytes_.assign(reinterpret_cast<const char*>(blob.data()) + ends_size, blob.size() - ends_size);
  std::uint32_t previous = 0;
  for (const std::uint32_t end : ends_) {
    if (end < previous || end > bytes_.size()) return false;
    previous = end;
  }
  return rows == 0 ? bytes_.empty() : ends_.back() == bytes_.size();
}

std::string_view CatalogTextCells::operator[](std::size_t row) const {
  const std::uint32_t begin = row == 0 ? 0 : ends_[row - 1];
  return std::string_view(bytes_).substr(begin, ends_[row] - begin);
}

void CatalogTextCells::clear_to(std::size_t rows) {
  ends_.assign(rows, 0);
  bytes_.clear();
}

struct CatalogTrackWriter::Chunk {
  std::size_t first_row = 0;
  std::size_t rows = 0;
  std::string ids;
  CatalogTextColumn names, artists, albums;
  std::vector<CatalogTextColumn> kept;
  std::vector<bool> kept_given;  // whether the chunk holds any cell of each kept column
  std::vector<std::int32_t> years, decades;
  std::vector<double> features;

  explicit Chunk(std::size_t kept_columns) : kept(kept_columns), kept_given(kept_columns, false) {
    ids.reserve(kChunkRows * kIdBytes);
    years.reserve(kChunkRows);
    decades.reserve(kChunkRows);
    features.reserve(kChunkRows * records::kCatalogFeatureCount);
  }
  void clear() {
    rows = 0;
    ids.clear();
    names.clear();
    artists.clear();
    albums.clear();
    for (CatalogTextColumn& column : kept) column.clear();
    kept_given.assign(kept_given.size(), false);
    years.clear();
    decades.clear();
    features.clear();
  }
};

// Inserts finished chunks on a thread of its own, at most two waiting, and hands their emptied
// buffers back. An error stops the writing and is thrown to the caller by its next push or drain.
class CatalogTrackWriter::Background {
 public:
  // `threaded`: false writes each chunk as it is pushed, for a caller that reads the same
  // connection between rows (the connection may not be used by two threads at once).
  Background(Database& db, std::int64_t catalog_id, std::string source_file, const std::vector<std::string>& kept,
             bool threaded)
      : catalog_id_(catalog_id),
        source_file_(std::move(source_file)),
        kept_(kept),
        text_(db.prepare(
            "INSERT INTO catalog_chunks (catalog_id, first_row, rows, source_file, track_ids, artists, names, "
            "albums) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")),
        numbers_(db.prepare("INSERT INTO catalog_number_chunks (catalog_id, first_row, rows, years, decades, features) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")),
        kept_cells_(db.prepare(
            "INSERT INTO catalog_kept_chunks (catalog_id, column_name, first_row, cells) VALUES (?1, ?2, ?3, ?4)")) {
    if (threaded) thread_ = std::thread([this] { run(); });
  }

  ~Background() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      queue_.clear();  // not written: the caller's transaction is rolled back, or everything was drained
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  void push(std::unique_ptr<Chunk> chunk) {
    if (!thread_.joinable()) {
      write(*chunk);
      chunk->clear();
      spares_.push_back(std::move(chunk));
      return;
    }
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return queue_.size() < 2 || error_; });
    if (error_) std::rethrow_exception(error_);
    queue_.push_back(std::move(chunk));
    lock.unlock();
    changed_.notify_all();
  }

  std::unique_ptr<Chunk> spare() {
    std::lock_guard lock(mutex_);
    if (spares_.empty()) return std::make_unique<Chunk>(kept_.size());
    auto chunk = std::move(spares_.back());
    spares_.pop_back();
    return chunk;
  }

  void drain() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return (queue_.empty() && !busy_) || error_; });
    if (error_) std::rethrow_exception(error_);
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    while (true) {
      changed_.wait(lock, [this] { return !queue_.empty() || stopping_; });
      if (queue_.empty()) return;
      auto chunk = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
      lock.unlock();
      std::exception_ptr error;
      try {
        write(*chunk);
      } catch (...) {
        error = std::current_exception();
      }
      chunk->clear();
      lock.lock();
      busy_ = false;
      spares_.push_back(std::move(chunk));
      if (error) {
        error_ = error;
        queue_.clear();
      }
      changed_.notify_all();
    }
  }

  void write(const Chunk& chunk) {
    const auto first_row = static_cast<std::int64_t>(chunk.first_row);
    const std::vector<std::byte> artists = chunk.artists.encode(), names = chunk.names.encode(),
                                 albums = chunk.albums.encode();
    text_.bind(1, catalog_id_)
        .bind(2, first_row)
        .bind(3, static_cast<std::int64_t>(chunk.rows))
        .bind_view(4, std::string_view(source_file_))
        .bind_blob_view(5, std::as_bytes(std::span<const char>(chunk.ids)))
        .bind_blob_view(6, artists)
        .bind_blob_view(7, names)
        .bind_blob_view(8, albums);
    text_.run();
    numbers_.bind(1, catalog_id_)
        .bind(2, first_row)
        .bind(3, static_cast<std::int64_t>(chunk.rows))
        .bind_blob_view(4, bytes_of(chunk.years))
        .bind_blob_view(5, bytes_of(chunk.decades))
        .bind_blob_view(6, bytes_of(chunk.features));
    numbers_.run();
    // A kept column with no cell in the chunk is not written: a read finds it empty either way.
    for (std::size_t i = 0; i < kept_.size(); ++i) {
      if (!chunk.kept_given[i]) continue;
      const std::vector<std::byte> cells = chunk.kept[i].encode();
      kept_cells_.bind(1, catalog_id_)
          .bind_view(2, std::string_view(kept_[i]))
          .bind(3, first_row)
          .bind_blob_view(4, cells);
      kept_cells_.run();
    }
  }

  std::int64_t catalog_id_;
  std::string source_file_;
  const std::vector<std::string>& kept_;
  Statement text_, numbers_, kept_cells_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<Chunk>> queue_, spares_;
  bool stopping_ = false;
  bool busy_ = false;
  std::exception_ptr error_;
  std::thread thread_;  // started last, once everything it reads is
};

CatalogTrackWriter::CatalogTrackWriter(Database& db, std::int64_t catalog_id, std::string source_file,
                                       std::vector<std::string> kept, IdSet& stored_ids, bool threaded)
    : db_(db),
      catalog_id_(catalog_id),
      kept_(std::move(kept)),
      stored_ids_(stored_ids),
      next_row_(stored_ids.size()),
      background_(std::make_unique<Background>(db, catalog_id, std::move(source_file), kept_, threaded)),
      chunk_(background_->spare()) {
  chunk_->first_row = next_row_;
}

CatalogTrackWriter::~CatalogTrackWriter() = default;

bool CatalogTrackWriter::write(const sources::CatalogFileRow& row) {
  if (row.track_id.size() != kIdBytes || row.extra.size() != kept_.size()) {
    throw Error(ExitCode::unexpected, "a catalog row without a 22-character track ID or its kept cells");
  }
  if (!stored_ids_.insert(row.track_id).is_new) return false;
  ++stored_;
  ++next_row_;
  Chunk& chunk = *chunk_;
  chunk.ids += row.track_id;
  chunk.names.add(row.name);
  chunk.artists.add(row.artists);
  chunk.albums.add(row.album);
  for (std::size_t i = 0; i < kept_.size(); ++i) {
    chunk.kept[i].add(row.extra[i]);
    if (!row.extra[i].empty()) chunk.kept_given[i] = true;
  }
  chunk.years.push_back(row.year);
  chunk.decades.push_back(row.decade);
  chunk.features.insert(chunk.features.end(), row.features.begin(), row.features.end());
  if (++chunk.rows == kChunkRows) {
    background_->push(std::move(chunk_));
    chunk_ = background_->spare();
    chunk_->first_row = next_row_;
  }
  return true;
}

// The catalog's IDs sorted, in chunks of up to 8,192 beside their rows, keyed by each chunk's
// first ID: a lookup reads one chunk. Written again whole after each file (a catalog is mostly
// one file). Sorted by an 8-byte prefix first, so most comparisons are one integer's.
void CatalogTrackWriter::write_id_index() {
  db_.prepare("DELETE FROM catalog_id_index WHERE catalog_id = ?1").bind(1, catalog_id_).run();
  struct Entry {
    std::uint64_t prefix;  // the first 8 bytes, big-endian: integer order is byte order
    std::uint32_t row;
  };
  std::vector<Entry> entries(stored_ids_.size());
  for (std::size_t row = 0; row < entries.size(); ++row) {
    std::uint64_t prefix = 0;
    std::memcpy(&prefix, stored_ids_.id(row).data(), sizeof prefix);
    entries[row] = {__builtin_bswap64(prefix), static_cast<std::uint32_t>(row)};
  }
  std::sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return stored_ids_.id(a.row) < stored_ids_.id(b.row);
  });
  auto insert = db_.prepare("INSERT INTO catalog_id_index (catalog_id, first_id, ids, rows) VALUES (?1, ?2, ?3, ?4)");
  std::string ids;
  std::vector<std::uint32_t> rows;
  for (std::size_t begin = 0; begin < entries.size(); begin += kChunkRows) {
    const std::size_t end = std::min(entries.size(), begin + kChunkRows);
    ids.clear();
    rows.clear();
    for (std::size_t i = begin; i < end; ++i) {
      ids += stored_ids_.id(entries[i].row);
      rows.push_back(entries[i].row);
    }
    insert.bind(1, catalog_id_)
        .bind_view(2, std::string_view(ids).substr(0, kIdBytes))
        .bind_blob_view(3, std::as_bytes(std::span<const char>(ids)))
        .bind_blob_view(4, bytes_of(rows));
    insert.run();
  }
}

void CatalogTrackWriter::finish() {
  if (chunk_->rows > 0) background_->push(std::move(chunk_));
  background_->drain();
  background_.reset();
  db_.prepare("UPDATE catalogs SET tracks = tracks + ?2 WHERE id = ?1").bind(1, catalog_id_).bind(2, stored_).run();
  stored_ = 0;
  write_id_index();
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

std::optional<CatalogSummary> find_catalog_by_id(Database& db, std::int64_t catalog_id) {
  auto row = db.prepare(std::string(kSummarySelect) + "WHERE c.id = ?1");
  row.bind(1, catalog_id);
  if (!row.step()) return std::nullopt;
  return summary_of(row);
}

// Reads chunks of one catalog, the statements prepared once.
class ChunkReader {
 public:
  ChunkReader(Database& db, std::int64_t catalog_id, const CatalogChunkColumns& columns)
      : catalog_id_(catalog_id),
        columns_(columns),
        text_(db.prepare(std::string("SELECT rows, track_ids") + (columns.artists ? ", artists" : ", NULL") +
                         (columns.names ? ", names" : ", NULL") + (columns.albums ? ", albums" : ", NULL") +
                         " FROM catalog_chunks WHERE catalog_id = ?1 AND first_row = ?2")),
        numbers_(db.prepare(
            "SELECT years, decades, features FROM catalog_number_chunks WHERE catalog_id = ?1 AND first_row = ?2")),
        kept_(db.prepare(
            "SELECT cells FROM catalog_kept_chunks WHERE catalog_id = ?1 AND column_name = ?2 AND first_row = ?3")) {}

  void load(std::size_t first_row, CatalogChunk& chunk) {
    const auto first = static_cast<std::int64_t>(first_row);
    text_.reset();
    text_.bind(1, catalog_id_).bind(2, first);
    if (!text_.step()) damaged(catalog_id_, "no chunk at row " + std::to_string(first_row));
    chunk.first_row = first_row;
    chunk.rows = static_cast<std::size_t>(text_.integer(0));
    const auto ids = text_.blob(1);
    if (ids.size() != chunk.rows * kIdBytes) damaged(catalog_id_, "a chunk's track IDs");
    chunk.track_ids.assign(reinterpret_cast<const char*>(ids.data()), ids.size());
    const auto text_column = [&](bool wanted, int column, CatalogTextCells& cells) {
      if (wanted && !cells.decode(text_.blob(column), chunk.rows)) damaged(catalog_id_, "a chunk's text");
    };
    text_column(columns_.artists, 2, chunk.artists);
    text_column(columns_.names, 3, chunk.names);
    text_column(columns_.albums, 4, chunk.albums);
    if (columns_.numbers) {
      numbers_.reset();
      numbers_.bind(1, catalog_id_).bind(2, first);
      chunk.years.resize(chunk.rows);
      chunk.decades.resize(chunk.rows);
      chunk.features.resize(chunk.rows);
      if (!numbers_.step() || !copy_blob(numbers_.blob(0), chunk.rows, chunk.years.data()) ||
          !copy_blob(numbers_.blob(1), chunk.rows, chunk.decades.data()) ||
          !copy_blob(numbers_.blob(2), chunk.rows * records::kCatalogFeatureCount, chunk.features.front().data())) {
        damaged(catalog_id_, "a chunk's numbers");
      }
    }
    chunk.kept.resize(columns_.kept.size());
    for (std::size_t i = 0; i < columns_.kept.size(); ++i) {
      kept_.reset();
      kept_.bind(1, catalog_id_).bind_view(2, std::string_view(columns_.kept[i])).bind(3, first);
      if (!kept_.step()) {
        chunk.kept[i].clear_to(chunk.rows);  // the column had no cell in these rows
      } else if (!chunk.kept[i].decode(kept_.blob(0), chunk.rows)) {
        damaged(catalog_id_, "a chunk's kept column");
      }
    }
  }

 private:
  std::int64_t catalog_id_;
  const CatalogChunkColumns& columns_;
  Statement text_, numbers_, kept_;
};

}  // namespace

void for_each_catalog_chunk(Database& db, std::int64_t catalog_id, const CatalogChunkColumns& columns,
                            const CatalogChunkVisitor& visit) {
  auto starts = db.prepare("SELECT first_row FROM catalog_chunks WHERE catalog_id = ?1 ORDER BY first_row");
  starts.bind(1, catalog_id);
  std::vector<std::size_t> first_rows;
  while (starts.step()) first_rows.push_back(static_cast<std::size_t>(starts.integer(0)));
  ChunkReader reader(db, catalog_id, columns);
  CatalogChunk chunk;
  std::size_t expected = 0;
  for (const std::size_t first_row : first_rows) {
    if (first_row != expected) damaged(catalog_id, "rows " + std::to_string(expected) + " onwards are missing");
    reader.load(first_row, chunk);
    visit(chunk);
    expected = first_row + chunk.rows;
  }
}

std::vector<std::optional<std::size_t>> catalog_rows_of(Database& db, std::int64_t catalog_id,
                                                        std::span<const std::string> ids) {
  std::vector<std::optional<std::size_t>> rows(ids.size());
  std::vector<std::size_t> order(ids.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return ids[a] < ids[b]; });
  auto find_chunk = db.prepare(
      "SELECT first_id FROM catalog_id_index WHERE catalog_id = ?1 AND first_id <= ?2 ORDER BY first_id DESC LIMIT 1");
  auto read_chunk = db.prepare("SELECT ids, rows FROM catalog_id_index WHERE catalog_id = ?1 AND first_id = ?2");
  std::string chunk_first_id, chunk_ids;
  std::vector<std::uint32_t> chunk_rows;
  for (const std::size_t i : order) {
    const std::string& id = ids[i];
    if (id.size() != kIdBytes) continue;
    find_chunk.reset();
    find_chunk.bind(1, catalog_id).bind_view(2, std::string_view(id));
    if (!find_chunk.step()) continue;  // before the catalog's first ID
    std::string first_id = find_chunk.text(0);
    if (first_id != chunk_first_id) {
      read_chunk.reset();
      read_chunk.bind(1, catalog_id).bind_view(2, std::string_view(first_id));
      if (!read_chunk.step()) damaged(catalog_id, "its ID index");
      const auto id_bytes = read_chunk.blob(0);
      chunk_ids.assign(reinterpret_cast<const char*>(id_bytes.data()), id_bytes.size());
      chunk_rows.resize(chunk_ids.size() / kIdBytes);
      if (chunk_ids.size() % kIdBytes != 0 || !copy_blob(read_chunk.blob(1), chunk_rows.size(), chunk_rows.data())) {
        damaged(catalog_id, "its ID index");
      }
      chunk_first_id = std::move(first_id);
    }
    // Binary search over the chunk's fixed-width IDs.
    std::size_t low = 0, high = chunk_rows.size();
    while (low < high) {
      const std::size_t middle = (low + high) / 2;
      if (std::string_view(chunk_ids).substr(middle * kIdBytes, kIdBytes) < id) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    if (low < chunk_rows.size() && std::string_view(chunk_ids).substr(low * kIdBytes, kIdBytes) == id) {
      rows[i] = chunk_rows[low];
    }
  }
  return rows;
}

void for_each_catalog_row(Database& db, std::int64_t catalog_id, std::span<const std::size_t> rows,
                          const CatalogChunkColumns& columns, const CatalogRowVisitor& visit) {
  auto find_chunk = db.prepare(
      "SELECT first_row FROM catalog_chunks WHERE catalog_id = ?1 AND first_row <= ?2 "
      "ORDER BY first_row DESC LIMIT 1");
  ChunkReader reader(db, catalog_id, columns);
  CatalogChunk chunk;
  bool loaded = false;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::size_t row = rows[i];
    if (!loaded || row < chunk.first_row || row >= chunk.first_row + chunk.rows) {
      find_chunk.reset();
      find_chunk.bind(1, catalog_id).bind(2, static_cast<std::int64_t>(row));
      if (!find_chunk.step()) damaged(catalog_id, "no chunk holds row " + std::to_string(row));
      reader.load(static_cast<std::size_t>(find_chunk.integer(0)), chunk);
      loaded = true;
      if (row >= chunk.first_row + chunk.rows) damaged(catalog_id, "no chunk holds row " + std::to_string(row));
    }
    visit(chunk, i);
  }
}

std::optional<CatalogPeriods> read_chunk_periods(Database& db, std::int64_t catalog_id) {
  // length() of a blob reads its size from the record header, not the ~850 kB of numbers.
  auto chunk = db.prepare(
      "SELECT rows, years, decades, length(features), (SELECT tracks FROM catalogs WHERE id = ?1) "
      "FROM catalog_number_chunks WHERE catalog_id = ?1 ORDER BY first_row");
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
  auto chunk = db.prepare("SELECT rows, features FROM catalog_number_chunks WHERE catalog_id = ?1 ORDER BY first_row");
  chunk.bind(1, catalog_id);
  static_assert(sizeof(records::CatalogFeatureValues) == records::kCatalogFeatureCount * sizeof(double));
  // SQLite's blob need not be aligned for doubles: each chunk is copied into this buffer first.
  std::vector<records::CatalogFeatureValues> rows;
  std::size_t first = 0;
  while (chunk.step()) {
    rows.resize(static_cast<std::size_t>(chunk.integer(0)));
    if (!copy_blob(chunk.blob(1), rows.size() * records::kCatalogFeatureCount, rows.front().data())) {
      damaged(catalog_id, "a number chunk changed size while it was read");
    }
    visit(first, rows);
    first += rows.size();
  }
}

records::CatalogTable read_catalog_table(Database& db, std::int64_t catalog_id, const CatalogTableRequest& request) {
  records::CatalogTable table;
  const bool numbers_only =
      !request.track_ids && !request.artists && request.label_column.empty() && request.extra_columns.empty();
  if (numbers_only) {
    std::optional<CatalogPeriods> periods = read_chunk_periods(db, catalog_id);
    if (!periods) damaged(catalog_id, "its number chunks do not cover its tracks");
    table.features.resize(periods->years.size());
    table.years = std::move(periods->years);
    table.decades = std::move(periods->decades);
    read_chunk_features(db, catalog_id, [&](std::size_t first, std::span<const records::CatalogFeatureValues> rows) {
      std::copy(rows.begin(), rows.end(), table.features.begin() + static_cast<std::ptrdiff_t>(first));
    });
    return table;
  }
  // A numeric column by name: one of the thirteen, else a kept column read by catalog_number.
  std::vector<std::string> names = request.extra_columns;
  if (!request.label_column.empty()) names.push_back(request.label_column);
  CatalogChunkColumns columns;
  columns.artists = request.artists;
  columns.numbers = true;
  std::vector<std::size_t> source(names.size());  // a feature index, or kCatalogFeatureCount + kept index
  for (std::size_t i = 0; i < names.size(); ++i) {
    source[i] = records::catalog_feature_index(names[i]);
    if (source[i] == records::kCatalogFeatureCount) {
      source[i] += columns.kept.size();
      columns.kept.push_back(names[i]);
    }
  }
  table.extra_names = request.extra_columns;
  table.extra_values.resize(request.extra_columns.size());
  for_each_catalog_chunk(db, catalog_id, columns, [&](const CatalogChunk& chunk) {
    table.years.insert(table.years.end(), chunk.years.begin(), chunk.years.end());
    table.decades.insert(table.decades.end(), chunk.decades.begin(), chunk.decades.end());
    table.features.insert(table.features.end(), chunk.features.begin(), chunk.features.end());
    for (std::size_t row = 0; row < chunk.rows; ++row) {
      if (request.track_ids) table.track_ids.emplace_back(chunk.track_id(row));
      if (request.artists) table.artists.emplace_back(chunk.artists[row]);
      for (std::size_t i = 0; i < names.size(); ++i) {
        const double value = source[i] < records::kCatalogFeatureCount
                                 ? chunk.features[row][source[i]]
                                 : sources::catalog_number(chunk.kept[source[i] - records::kCatalogFeatureCount][row])
                                       .value_or(records::kMissingValue);
        (i < request.extra_columns.size() ? table.extra_values[i] : table.labels).push_back(value);
      }
    }
  });
  return table;
}

std::optional<CatalogTrackDetails> find_catalog_track(Database& db, std::int64_t catalog_id,
                                                      std::string_view track_id) {
  const std::string id(track_id);
  const auto row = catalog_rows_of(db, catalog_id, std::span<const std::string>(&id, 1)).front();
  if (!row) return std::nullopt;
  CatalogChunkColumns columns;
  columns.names = columns.artists = columns.numbers = true;
  if (const auto catalog = find_catalog_by_id(db, catalog_id)) columns.kept = catalog->columns;
  CatalogTrackDetails details;
  for_each_catalog_row(db, catalog_id, std::span<const std::size_t>(&*row, 1), columns,
                       [&](const CatalogChunk& chunk, std::size_t) {
                         const std::size_t at = *row - chunk.first_row;
                         details.track_id = chunk.track_id(at);
                         details.name = chunk.names[at];
                         details.artists = chunk.artists[at];
                         details.year = chunk.years[at];
                         details.decade = chunk.decades[at];
                         details.features = chunk.features[at];
                         for (std::size_t i = 0; i < columns.kept.size(); ++i) {
                           if (!chunk.kept[i][at].empty())
                             details.kept.emplace_back(columns.kept[i], chunk.kept[i][at]);
                         }
                       });
  return details;
}

void move_catalog_rows_to_chunks(Database& db) {
  if (db.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'catalog_tracks'") == 0) return;
  std::string features;
  for (const std::string_view name : records::kCatalogFeatureNames) features += ", " + std::string(name);
  // One scan of the table in rowid order per catalog: through the (catalog, track) index SQLite
  // sorted every row of a 1.2M-track catalog by rowid (637 MB peak); `+` keeps it off the index.
  auto rows = db.prepare("SELECT track_id, name, artists, album, year, decade, extra, source_file" + features +
                         " FROM catalog_tracks WHERE +catalog_id = ?1 ORDER BY rowid");
  for (const CatalogSummary& catalog : list_catalogs(db)) {
    db.prepare("UPDATE catalogs SET tracks = 0 WHERE id = ?1").bind(1, catalog.id).run();
    IdSet stored_ids;
    std::optional<CatalogTrackWriter> writer;
    std::string source_file, name, artists, album;
    std::vector<std::string> cells(catalog.columns.size());
    sources::CatalogFileRow row;
    rows.reset();
    rows.bind(1, catalog.id);
    while (rows.step()) {
      // A file's rows were inserted in one go: a new file name starts the next file's chunks.
      if (!writer || rows.text(7) != source_file) {
        if (writer) writer->finish();
        source_file = rows.text(7);
        // Not threaded: this loop reads the connection between rows.
        writer.emplace(db, catalog.id, source_file, catalog.columns, stored_ids, false);
      }
      row.track_id = rows.text(0);
      if (row.track_id.size() != kIdBytes) continue;
      name = rows.optional_text(1).value_or("");
      artists = rows.optional_text(2).value_or("");
      album = rows.optional_text(3).value_or("");
      row.name = name;
      row.artists = artists;
      row.album = album;
      row.year = static_cast<int>(rows.optional_integer(4).value_or(0));
      row.decade = static_cast<int>(rows.optional_integer(5).value_or(0));
      // `extra` kept numbers as JSON numbers and text as strings: both become the cell's text.
      const auto extra = nlohmann::json::parse(rows.optional_text(6).value_or("{}"), nullptr, false);
      row.extra.assign(cells.size(), std::string_view());
      for (std::size_t i = 0; i < cells.size(); ++i) {
        const auto cell = extra.is_object() ? extra.find(catalog.columns[i]) : extra.end();
        if (cell == extra.end()) continue;
        cells[i] = cell->is_string() ? cell->get<std::string>() : cell->dump();
        row.extra[i] = cells[i];
      }
      for (std::size_t i = 0; i < records::kCatalogFeatureCount; ++i) {
        row.features[i] = rows.optional_real(8 + static_cast<int>(i)).value_or(records::kMissingValue);
      }
      writer->write(row);
    }
    if (writer) writer->finish();
  }
  // This SQLite zeroes freed pages (secure_delete), and inside the migration's transaction
  // every zeroed page of the old tables was kept in memory for the statement's rollback: 185 MB
  // to drop a 300k-track catalog_tracks. Its rows are a public catalog's, and are converted
  // above; their free pages are overwritten as the store reuses them.
  const std::int64_t secure_delete = db.scalar("PRAGMA secure_delete");
  db.exec("PRAGMA secure_delete = OFF");
  db.exec("DROP TABLE catalog_feature_chunks");
  db.exec("DROP TABLE catalog_tracks");
  db.exec("PRAGMA secure_delete = " + std::to_string(secure_delete));
}

}  // namespace sonic::store
