#include "sonic/store/database.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include "sonic/core/error.hpp"

namespace sonic::store {
namespace {

[[noreturn]] void throw_sqlite(sqlite3* db, int code, std::string_view context) {
  std::string message = "database: ";
  message += sqlite3_errstr(code);
  if (db && sqlite3_errmsg(db) && std::string_view(sqlite3_errmsg(db)) != sqlite3_errstr(code)) {
    message += ": ";
    message += sqlite3_errmsg(db);
  }
  if ((code & 0xff) == SQLITE_FULL) {
    // The transaction is rolled back by SQLite: say so, so nobody goes looking for half a write.
    const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
    message += std::string(" — the disk holding ") + (file && *file ? file : "the database") +
               " is full; nothing of the interrupted change was kept: free some space and run it again";
  }
  if (!context.empty()) {
    message += " (in ";
    message += context.substr(0, 80);
    message += ")";
  }
  // A file that is not a database is bad input the person can fix; everything else is ours.
  const ExitCode exit =
      (code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT ? ExitCode::bad_input : ExitCode::unexpected;
  throw Error(exit, message);
}

void check(sqlite3* db, int code, std::string_view context) {
  if (code != SQLITE_OK) throw_sqlite(db, code, context);
}

// Once per process, before the first connection: no global memory statistics (they take a
// mutex on every allocation, several per inserted row).
void configure_sqlite_once() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
}

sqlite3* open_connection(const std::filesystem::path& path, int flags) {
  configure_sqlite_once();
  sqlite3* db = nullptr;
  const std::string name = path.empty() ? std::string(":memory:") : path.string();
  const int code = sqlite3_open_v2(name.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (code != SQLITE_OK) {
    std::string message = "cannot open the database " + name + ": " + sqlite3_errstr(code);
    sqlite3_close(db);
    throw Error(ExitCode::unexpected, message);
  }
  sqlite3_extended_result_codes(db, 1);
  // Cron and a person's terminal may touch the store at once: wait instead of failing.
  sqlite3_busy_timeout(db, 10000);
  return db;
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  const int code =
      sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &statement_, nullptr);
  check(db, code, sql);
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement::Statement(Statement&& other) noexcept : db_(other.db_), statement_(other.statement_) {
  other.statement_ = nullptr;
}

void Statement::fail(int code) const { throw_sqlite(db_, code, sqlite3_sql(statement_)); }

Statement& Statement::bind(int index, std::int64_t value) {
  if (int code = sqlite3_bind_int64(statement_, index, value); code != SQLITE_OK) fail(code);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (int code = sqlite3_bind_double(statement_, index, value); code != SQLITE_OK) fail(code);
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  const int code = sqlite3_bind_text64(statement_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (code != SQLITE_OK) fail(code);
  return *this;
}

Statement& Statement::bind_view(int index, std::string_view value) {
  const int code = sqlite3_bind_text64(statement_, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (code != SQLITE_OK) fail(code);
  return *this;
}

Statement& Statement::bind_blob_view(int index, std::span<const std::byte> bytes) {
  const int code = sqlite3_bind_blob64(statement_, index, bytes.data(), bytes.size(), SQLITE_STATIC);
  if (code != SQLITE_OK) fail(code);
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (int code = sqlite3_bind_null(statement_, index); code != SQLITE_OK) fail(code);
  return *this;
}

bool Statement::step() {
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  sqlite3_reset(statement_);
  fail(code);
}

void Statement::run() {
  step();
  reset();
}

void Statement::run_rebinding_every_parameter() {
  step();
  sqlite3_reset(statement_);
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

bool Statement::is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(statement_, column); }

double Statement::real(int column) const { return sqlite3_column_double(statement_, column); }

std::string Statement::text(int column) const {
  const auto* data = sqlite3_column_text(statement_, column);
  const int size = sqlite3_column_bytes(statement_, column);
  return data ? std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size)) : std::string();
}

std::optional<std::int64_t> Statement::optional_integer(int column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

std::optional<double> Statement::optional_real(int column) const {
  if (is_null(column)) return std::nullopt;
  return real(column);
}

std::span<const std::byte> Statement::blob(int column) const {
  const auto* data = static_cast<const std::byte*>(sqlite3_column_blob(statement_, column));
  const auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement_, column));
  return {data, data == nullptr ? 0 : size};
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

Database Database::open(const std::filesystem::path& path) {
  Database db(open_connection(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE), path);
  // A file that is not SQLite fails here, with the file named, not deep inside a query.
  try {
    db.scalar("SELECT count(*) FROM sqlite_schema");
  } catch (const Error& error) {
    if (error.code() == ExitCode::bad_input) {
      throw InputError(path.string() + " is not a sonic database (" + error.what() + ")");
    }
    // Most often a read-only home: a WAL database cannot be opened without its -shm file.
    std::error_code ignored;
    const auto folder = std::filesystem::absolute(path, ignored).parent_path();
    const bool writable = access(folder.c_str(), W_OK) == 0;
    throw Error(error.code(), "cannot open the database " + path.string() + " (" + error.what() + ")" +
                                  (writable ? std::string()
                                            : ": its folder " + folder.string() +
                                                  " is read-only, and SQLite must write its -wal and -shm files "
                                                  "beside the database"));
  }
  // WAL: readers never block the writer, and a kill mid-write loses only the open transaction.
  // synchronous=NORMAL is durable against application crashes, which is what cron needs.
  db.exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
      "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;");
  return db;
}

Database Database::open_read_only(const std::filesystem::path& path) {
  Database db(open_connection(path, SQLITE_OPEN_READONLY), path);
  db.exec("PRAGMA foreign_keys=ON;");
  return db;
}

Database Database::in_memory() {
  Database db(open_connection({}, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE), {});
  db.exec("PRAGMA foreign_keys=ON;");
  return db;
}

Database::~Database() { sqlite3_close_v2(db_); }

Database::Database(Database&& other) noexcept : db_(other.db_), path_(std::move(other.path_)) { other.db_ = nullptr; }

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = other.db_;
    path_ = std::move(other.path_);
    other.db_ = nullptr;
  }
  return *this;
}

void Database::exec(std::string_view sql) {
  const std::string text(sql);
  char* error = nullptr;
  const int code = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);
  check(db_, code, sql);
}

std::int64_t Database::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

int Database::changes() const { return sqlite3_changes(db_); }

std::int64_t Database::scalar(std::string_view sql) {
  Statement statement(db_, sql);
  return statement.step() ? statement.integer(0) : 0;
}

bool Database::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

Transaction::Transaction(Database& db) : db_(db), nested_(db.in_transaction()) {
  db_.exec(nested_ ? "SAVEPOINT nested" : "BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    db_.exec(nested_ ? "ROLLBACK TO nested; RELEASE nested" : "ROLLBACK");
  } catch (...) {
    // The connection is closing or SQLite already rolled back; nothing more to undo.
  }
}

void Transaction::commit() {
  db_.exec(nested_ ? "RELEASE nested" : "COMMIT");
  open_ = false;
}

}  // namespace sonic::store
