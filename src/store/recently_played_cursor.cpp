#include "sonic/store/recently_played_cursor.hpp"

#include <string>

namespace sonic::store {
namespace {

constexpr const char* kCursorKey = "spotify_recently_played_after_ms";

}  // namespace

std::optional<std::int64_t> newest_played_at(Database& db) {
  auto query = db.prepare(
      "SELECT max(coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?1), 0), "
      "coalesce((SELECT max(start_ms) FROM plays WHERE source = 'api'), 0))");
  query.bind(1, kCursorKey);
  query.step();
  const std::int64_t newest = query.integer(0);
  return newest > 0 ? std::optional<std::int64_t>(newest) : std::nullopt;
}

void remember_newest_played_at(Database& db, std::int64_t played_ms) {
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")
      .bind(1, kCursorKey)
      .bind(2, std::to_string(played_ms))
      .run();
}

}  // namespace sonic::store
