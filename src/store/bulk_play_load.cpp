#include "sonic/store/bulk_play_load.hpp"

#include <string_view>

namespace sonic::store {

bool plays_empty(Database& db) { return db.scalar("SELECT NOT EXISTS (SELECT 1 FROM plays)") != 0; }

BulkPlayLoad::ForeignKeysOff::ForeignKeysOff(Database& db) : db_(db) {
  if (db_.in_transaction() || db_.scalar("PRAGMA foreign_keys") == 0) return;
  db_.exec("PRAGMA foreign_keys=OFF");
  off_ = true;
}

void BulkPlayLoad::ForeignKeysOff::restore() {
  if (!off_) return;
  try {
    db_.exec("PRAGMA foreign_keys=ON");
    off_ = false;
  } catch (...) {
    // Only a closing connection refuses a pragma; the next connection opens with keys on.
  }
}

namespace {

// Kept up to date while loading rather than dropped: a file's plays arrive in time order, so
// each new entry lands beside the one before it at the edge of the b-tree, which costs less
// than scanning and sorting the whole table again at the end (1M plays: the index phase 1.8 ->
// 1.2 CPU seconds, the loading itself no slower within the noise). plays_listens_by_track is
// ordered by track first, so its entries land all over the tree, and its one sort stays cheaper.
constexpr std::string_view kKeptWhileLoading = "plays_by_start";

}  // namespace

BulkPlayLoad::BulkPlayLoad(Database& db) : db_(db), foreign_keys_off_(db), transaction_(db) {
  // Read from the schema itself, so an index a later migration adds is deferred too and comes
  // back exactly as that migration wrote it.
  auto secondary = db_.prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'plays' AND sql IS NOT NULL "
      "AND sql NOT LIKE 'CREATE UNIQUE%' AND name <> ?1 ORDER BY name");
  secondary.bind(1, kKeptWhileLoading);
  std::vector<std::string> names;
  while (secondary.step()) {
    names.push_back(secondary.text(0));
    definitions_.push_back(secondary.text(1));
  }
  secondary.reset();
  for (const auto& name : names) db_.exec("DROP INDEX \"" + name + "\"");
}

void BulkPlayLoad::rebuild_indexes() {
  if (rebuilt_) return;
  db_.exec("PRAGMA temp_store=FILE");
  for (const auto& definition : definitions_) db_.exec(definition);
  db_.exec("PRAGMA temp_store=MEMORY");
  rebuilt_ = true;
}

void BulkPlayLoad::commit() {
  rebuild_indexes();
  transaction_.commit();
  foreign_keys_off_.restore();
}

}  // namespace sonic::store
