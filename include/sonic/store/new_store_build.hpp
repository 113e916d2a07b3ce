#pragma once
// A store that does not exist yet, built whole and then put in place: the first import into a
// new home. Building it in a scratch file with SQLite's rollback journal in memory writes every
// page once; through the write-ahead log the same pages are written twice (to the log, then
// copied into the store at the checkpoint), which was about a sixth of a 1M-play first import.
// Nothing is lost by it: until the rename no store exists, so a kill or an error leaves the home
// as it was, with at most the scratch file, which the next build removes.
#include <filesystem>
#include <functional>

#include "sonic/store/database.hpp"

namespace sonic::store {

// "<path>.building": where build_new_store() works.
std::filesystem::path new_store_scratch_path(const std::filesystem::path& path);

// Calls build() with a migrated store opened at the scratch path (journal in memory, no syncs),
// then switches it to WAL like every store, flushes it to disk and renames it to `path`. If
// build() throws, the scratch file is removed, `path` never appears and the exception
// propagates. The caller holds the home's run lock, so no one else builds the same store.
void build_new_store(const std::filesystem::path& path, const std::function<void(Database& db)>& build);

}  // namespace sonic::store
