#pragma once
// The store's version as one connection sees it: what a long-lived reader (sonic serve) keys
// what it builds from the store by.
#include <cstdint>

#include "sonic/store/database.hpp"

namespace sonic::store {

// PRAGMA data_version: changes whenever another connection (another process's ingest or
// retrain) has committed since this connection last asked. Starts a read, so it sees them all.
std::int64_t data_version(Database& db);

}  // namespace sonic::store
