#pragma once
// A thin RAII layer over SQLite: the only place that includes sqlite3.h is src/store/.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace sonic::store {

// A prepared statement. Bind by 1-based index, step through rows, read columns by 0-based index.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);  // copied by SQLite
  // Not copied: `value` must stay alive and unchanged until the statement is stepped. For hot
  // paths that bind and run in one go (the import writes a million rows).
  Statement& bind_view(int index, std::string_view value);
  Statement& bind_view(int index, const std::optional<std::string_view>& value) {
    return value ? bind_view(index, *value) : bind_null(index);
  }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind_null(int index);
  // Bytes as a BLOB, not copied (the same lifetime rule as bind_view).
  Statement& bind_blob_view(int index, std::span<const std::byte> bytes);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  bool step();  // true while a row is available
  void run();   // steps a statement that returns no rows, then resets it
  // As run(), but leaves the bindings for the caller to overwrite: only for a statement whose
  // every parameter is bound again before each run (clearing a many-row INSERT's 512 of them
  // was a twentieth of the import's writer thread).
  void run_rebinding_every_parameter();
  void reset();

  bool is_null(int column) const;
  std::int64_t integer(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  std::optional<std::int64_t> optional_integer(int column) const;
  std::optional<double> optional_real(int column) const;
  std::optional<std::string> optional_text(int column) const;
  // A BLOB column's bytes, valid until the next step, reset or read of that column.
  std::span<const std::byte> blob(int column) const;

 private:
  [[noreturn]] void fail(int code) const;
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

class Database {
 public:
  // Opens (creating if needed) with WAL, foreign keys and a busy timeout. Does not migrate:
  // use open_store() from store/schema.hpp for that.
  static Database open(const std::filesystem::path& path);
  static Database open_read_only(const std::filesystem::path& path);
  static Database in_memory();

  ~Database();
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql) { return Statement(db_, sql); }
  std::int64_t last_insert_id() const;
  int changes() const;
  std::int64_t scalar(std::string_view sql);  // first column of the first row, 0 if none
  bool in_transaction() const;
  const std::filesystem::path& path() const { return path_; }

 private:
  Database(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() was called. A crash
// or kill before commit() leaves the database as it was: SQLite's journal undoes the rest.
// Inside another transaction it becomes a savepoint: commit() folds it into the outer one and
// destruction without commit() undoes only its own work (a dry run keeps one outer
// transaction that is never committed, and still gets per-file undo).
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool open_ = true;
  bool nested_ = false;
};

}  // namespace sonic::store
