#include "sonic/pipeline/import_into_home.hpp"

#include <optional>

#include "sonic/core/error.hpp"
#include "sonic/core/run_lock.hpp"
#include "sonic/store/import_runs.hpp"
#include "sonic/store/schema.hpp"

namespace sonic::pipeline {
namespace {

void remove_store_if_no_import(const std::filesystem::path& database) {
  bool empty = false;
  {
    store::Database db = store::Database::open(database);
    empty = store::import_run_count(db) == 0;
  }
  if (empty) store::remove_store_files(database);
}

}  // namespace

ImportReport import_into_home(const Home& home, const std::vector<std::filesystem::path>& paths,
                              const ImportOptions& options) {
  const bool existed = std::filesystem::exists(home.database);
  const bool use_memory = options.dry_run && !existed;
  std::optional<RunLock> lock;
  if (!use_memory) lock.emplace(lock_home_waiting(home));
  try {
    store::Database db = use_memory ? store::Database::in_memory() : store::open_store(home.database);
    if (use_memory) store::migrate(db);
    return import_history(db, paths, options);
  } catch (const Error&) {
    if (!existed) remove_store_if_no_import(home.database);
    throw;
  }
}

}  // namespace sonic::pipeline
