#pragma once
// The import-run audit (the import_runs table), as the layers above the store ask about it.
#include <cstdint>

#include "sonic/store/database.hpp"

namespace sonic::store {

// How many imports and ingests have been recorded (a dry run records none).
std::int64_t import_run_count(Database& db);

}  // namespace sonic::store
