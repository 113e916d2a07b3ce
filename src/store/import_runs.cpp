#include "sonic/store/import_runs.hpp"

namespace sonic::store {

std::int64_t import_run_count(Database& db) { return db.scalar("SELECT count(*) FROM import_runs"); }

}  // namespace sonic::store
