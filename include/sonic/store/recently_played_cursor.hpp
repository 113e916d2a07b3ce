#pragma once
// Where `sonic ingest` resumes Spotify's recently-played list: `after=` compares Spotify's
// played_at, an API play's start as the store keeps it. The cursor is kept in meta too, so it
// survives an API play being replaced by its extended-export twin.
#include <cstdint>
#include <optional>

#include "sonic/store/database.hpp"

namespace sonic::store {

// The later of the stored cursor and the newest API play's start; nullopt when neither exists.
std::optional<std::int64_t> newest_played_at(Database& db);
void remember_newest_played_at(Database& db, std::int64_t played_ms);

}  // namespace sonic::store
