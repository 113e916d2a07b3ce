#pragma once
// The first import into an empty store as one bulk load: one transaction for all its files
// (no savepoint per file: see pipeline/import_history), with the secondary indexes of plays dropped at the
// start and built once at the end. Keeping a by-track index up to date row by row is most of an
// import's SQLite work; one sort at the end is far cheaper. The index by start time is the
// exception: plays come in time order, so it is kept up to date for less than a sort.
//
// Foreign keys are not enforced row by row during the load (a parent lookup for each reference
// of each play, an eighth of its insert): every ID the writer stores is one it has just read or
// inserted in the same transaction, nothing references plays, so no cascade is skipped, and the
// import tests check that a bulk-loaded store passes PRAGMA foreign_key_check. Enforcement is on
// again as soon as the load commits or rolls back.
//
// SQLite's DDL is transactional: the DROP INDEX happens inside the transaction, so a kill or an
// error before commit() rolls it back with the rows, and the store is exactly as before, its
// indexes included. commit() always rebuilds before it commits, so no store is ever committed
// without them.
#include <string>
#include <vector>

#include "sonic/store/database.hpp"

namespace sonic::store {

// True when plays holds no row at all: the case a bulk load is for.
bool plays_empty(Database& db);

class BulkPlayLoad {
 public:
  // Turns foreign key enforcement off (SQLite ignores that inside a transaction: under an outer
  // one it stays on), begins the transaction and drops the non-unique indexes of plays (the
  // unique identity indexes stay: duplicates and the 90-second cross-source match use them; so
  // does plays_by_start, whose entries come in order).
  explicit BulkPlayLoad(Database& db);
  BulkPlayLoad(const BulkPlayLoad&) = delete;
  BulkPlayLoad& operator=(const BulkPlayLoad&) = delete;

  // Rebuilds (if not yet done) and commits. Destruction without commit() rolls everything back.
  void commit();

 private:
  // Builds the dropped indexes again from their own definitions (idempotent).
  void rebuild_indexes();

  // Off from construction until commit() or destruction, whichever comes first; declared before
  // the transaction so that a rollback happens before enforcement returns.
  class ForeignKeysOff {
   public:
    explicit ForeignKeysOff(Database& db);
    ~ForeignKeysOff() { restore(); }
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
    void restore();

   private:
    Database& db_;
    bool off_ = false;
  };

  Database& db_;
  ForeignKeysOff foreign_keys_off_;
  Transaction transaction_;
  std::vector<std::string> definitions_;  // the dropped indexes' CREATE INDEX statements
  bool rebuilt_ = false;
};

}  // namespace sonic::store
