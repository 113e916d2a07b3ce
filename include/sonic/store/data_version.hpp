#pragma once
// The store's versions as one connection sees them: what a long-lived reader (sonic serve) keys
// what it builds from the store by, and the schema it can read without migrating.
#include <cstdint>

#include "sonic/store/database.hpp"

namespace sonic::store {

// PRAGMA data_version: changes whenever another connection (another process's ingest or
// retrain) has committed since this connection last asked. Starts a read, so it sees them all.
std::int64_t data_version(Database& db);

// PRAGMA user_version: the schema's migration step (latest_schema_version() once migrated). A
// read-only reader cannot migrate, so it checks this before it reads.
int schema_version(Database& db);

}  // namespace sonic::store
