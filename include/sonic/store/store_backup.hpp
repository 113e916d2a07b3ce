#pragma once
// Backing the store up and restoring it: one self-contained SQLite file, copied with SQLite's
// online backup so the copy is one consistent snapshot even while cron writes to the store.
#include <cstdint>
#include <filesystem>

#include "sonic/store/database.hpp"

namespace sonic::store {

// What a backup file holds, as checked.
struct BackupFacts {
  int schema_version = 0;
  std::int64_t plays = 0;
  std::uintmax_t bytes = 0;
};

// Whether the store holds any play (so its content is worth keeping before a restore).
bool store_holds_plays(Database& db);

// Writes a snapshot of `db` to `target` (to a temporary file beside it, renamed into place when
// complete, so `target` is never half-written). The copy is a single file (no -wal beside it).
BackupFacts back_up_store(Database& db, const std::filesystem::path& target);

// Opens `backup` read-only and checks it can be restored: a SQLite file that passes
// integrity_check, written by sonic (a schema version) no newer than this sonic's. Throws
// InputError naming the file otherwise.
BackupFacts check_backup(const std::filesystem::path& backup);

// Replaces the store's content with `backup`'s after check_backup(), migrated to this sonic's
// schema. The current content is first saved to `keep_previous` (if not empty). The store
// changes in one transaction: a failure at any point leaves it as it was.
BackupFacts restore_store(Database& db, const std::filesystem::path& backup,
                          const std::filesystem::path& keep_previous);

}  // namespace sonic::store
