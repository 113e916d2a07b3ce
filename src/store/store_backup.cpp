#include "sonic/store/store_backup.hpp"

#include <sqlite3.h>

#include <system_error>

#include "sonic/core/atomic_file.hpp"
#include "sonic/core/error.hpp"
#include "sonic/store/schema.hpp"

namespace sonic::store {
namespace {

std::string integrity_of(Database& db) {
  auto check = db.prepare("PRAGMA integrity_check(1)");
  return check.step() ? check.text(0) : std::string("no answer");
}

BackupFacts facts_of(Database& db, const std::filesystem::path& file) {
  BackupFacts facts;
  facts.schema_version = static_cast<int>(db.scalar("PRAGMA user_version"));
  facts.plays = db.scalar("SELECT count(*) FROM plays");
  std::error_code ignored;
  facts.bytes = std::filesystem::file_size(file, ignored);
  return facts;
}

// A connection of its own for SQLite's backup API (Database keeps its handle to itself): it sees
// what is committed in the file, which is what a backup must hold.
class RawConnection {
 public:
  RawConnection(const std::filesystem::path& path, int flags) {
    const int code = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (code != SQLITE_OK) fail(code, "cannot open " + path.string());
    sqlite3_busy_timeout(db_, 10000);
  }
  ~RawConnection() { sqlite3_close_v2(db_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Replaces this database's content with a snapshot of `source`'s: all pages in one step, so
  // the source is read as one snapshot (in WAL mode its writers carry on meanwhile) and this
  // one is replaced in one transaction, or not at all.
  void copy_pages_from(RawConnection& source) {
    sqlite3_backup* backup = sqlite3_backup_init(db_, "main", source.db_, "main");
    if (!backup) fail(sqlite3_errcode(db_), "backup");
    int code = SQLITE_OK;
    for (int attempt = 0; attempt < 200; ++attempt) {  // about 10 s of waiting for a lock
      code = sqlite3_backup_step(backup, -1);
      if (code != SQLITE_BUSY && code != SQLITE_LOCKED && code != SQLITE_OK) break;
      sqlite3_sleep(50);
    }
    const int finished = sqlite3_backup_finish(backup);
    if (code != SQLITE_DONE) fail(code, "backup");
    if (finished != SQLITE_OK) fail(finished, "backup");
  }

  void exec(const char* sql) {
    const int code = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
    if (code != SQLITE_OK) fail(code, sql);
  }

 private:
  [[noreturn]] void fail(int code, const std::string& what) const {
    std::string message = what + ": " + sqlite3_errstr(code);
    if (db_ && sqlite3_errmsg(db_)) message += std::string(": ") + sqlite3_errmsg(db_);
    const int primary = code & 0xff;
    if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT) throw InputError(message);
    throw Error(ExitCode::unexpected, message);
  }
  sqlite3* db_ = nullptr;
};

constexpr int kReadOnly = SQLITE_OPEN_READONLY;
constexpr int kReadWrite = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

// A copy of the file `source` as one self-contained file at `path` (rollback journal, no -wal).
void write_snapshot(const std::filesystem::path& source, const std::filesystem::path& path) {
  RawConnection from(source, kReadOnly);
  RawConnection copy(path, kReadWrite);
  copy.copy_pages_from(from);
  copy.exec("PRAGMA journal_mode=DELETE");
}

}  // namespace

bool store_holds_plays(Database& db) { return db.scalar("SELECT EXISTS (SELECT 1 FROM plays)") != 0; }

BackupFacts back_up_store(Database& db, const std::filesystem::path& target) {
  replace_file_atomically(target, [&](const std::filesystem::path& temporary) {
    std::filesystem::remove(temporary);  // SQLite makes its own file
    write_snapshot(db.path(), temporary);
  });
  Database written = Database::open_read_only(target);
  return facts_of(written, target);
}

BackupFacts check_backup(const std::filesystem::path& backup) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(backup, error)) {
    throw InputError(backup.string() + ": no such backup file");
  }
  try {
    Database db = Database::open_read_only(backup);
    const std::string integrity = integrity_of(db);
    if (integrity != "ok") throw InputError(backup.string() + " is damaged (integrity check: " + integrity + ")");
    const auto version = db.scalar("PRAGMA user_version");
    if (version == 0 || db.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'plays'") == 0) {
      throw InputError(backup.string() + " is not a sonic backup (no sonic schema in it)");
    }
    if (version > latest_schema_version()) {
      throw InputError(backup.string() + " was written by a newer sonic (schema version " + std::to_string(version) +
                       ", this sonic knows up to " + std::to_string(latest_schema_version()) +
                       "); upgrade sonic to restore it");
    }
    return facts_of(db, backup);
  } catch (const InputError&) {
    throw;
  } catch (const Error& unreadable) {
    throw InputError(backup.string() + " is not a sonic backup (" + unreadable.what() + ")");
  }
}

BackupFacts restore_store(Database& db, const std::filesystem::path& backup,
                          const std::filesystem::path& keep_previous) {
  check_backup(backup);
  // The backup is migrated in a scratch copy beside the store, never in place: the file the
  // person gave stays as it was, and the store sees only a checked, current schema.
  const std::filesystem::path scratch = db.path().string() + ".restoring";
  remove_store_files(scratch);
  struct RemoveScratch {
    std::filesystem::path path;
    ~RemoveScratch() { remove_store_files(path); }
  } remove_scratch{scratch};
  write_snapshot(backup, scratch);
  {
    Database migrated = Database::open(scratch);
    migrate(migrated);
  }
  if (!keep_previous.empty()) back_up_store(db, keep_previous);
  {
    RawConnection from(scratch, kReadOnly);
    RawConnection store(db.path(), kReadWrite);
    store.copy_pages_from(from);
  }
  return facts_of(db, db.path());
}

}  // namespace sonic::store
