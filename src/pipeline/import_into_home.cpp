#include "sonic/pipeline/import_into_home.hpp"

#include <exception>
#include <optional>

#include "sonic/core/error.hpp"
#include "sonic/core/run_lock.hpp"
#include "sonic/store/import_run_log.hpp"
#include "sonic/store/new_store_build.hpp"
#include "sonic/store/schema.hpp"

namespace sonic::pipeline {
namespace {

// A new home's first import is built whole and put in place (new_store_build.hpp): the same
// all-or-nothing bulk load as into an empty store, with each page written once. A file that
// fails after others were imported file by file keeps those others, as in an existing store; a
// failure before any import leaves no store at all.
ImportResult import_into_new_store(const Home& home, const std::vector<std::filesystem::path>& paths,
                                   const ImportOptions& options) {
  ImportResult result;
  std::exception_ptr failure;
  store::build_new_store(home.database, [&](store::Database& db) {
    try {
      result = import_history(db, paths, options);
    } catch (const Error&) {
      if (store::import_run_count(db) == 0) throw;
      failure = std::current_exception();
    }
  });
  if (failure) std::rethrow_exception(failure);
  return result;
}

}  // namespace

ImportResult import_into_home(const Home& home, const std::vector<std::filesystem::path>& paths,
                              const ImportOptions& options) {
  if (options.dry_run && !std::filesystem::exists(home.database)) {
    // A dry run into a home without a store needs no store and no lock.
    store::Database db = store::Database::in_memory();
    store::migrate(db);
    return import_history(db, paths, options);
  }
  const RunLock lock = lock_home_waiting(home);
  // Asked under the lock: another first import may have made the store while this one waited.
  if (!std::filesystem::exists(home.database)) return import_into_new_store(home, paths, options);
  store::Database db = store::open_store(home.database);
  return import_history(db, paths, options);
}

}  // namespace sonic::pipeline
