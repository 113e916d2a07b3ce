#include "sonic/store/data_version.hpp"

namespace sonic::store {

std::int64_t data_version(Database& db) { return db.scalar("PRAGMA data_version"); }

int schema_version(Database& db) { return static_cast<int>(db.scalar("PRAGMA user_version")); }

}  // namespace sonic::store
