#include "sonic/store/discover_cache.hpp"

namespace sonic::store {

std::optional<std::string> cached_discover_answer(Database& db, std::string_view source, std::string_view query,
                                                  std::int64_t fresh_since_ms) {
  auto statement =
      db.prepare("SELECT answer FROM discover_cache WHERE source = ?1 AND query = ?2 AND fetched_ms >= ?3");
  statement.bind(1, source).bind(2, query).bind(3, fresh_since_ms);
  if (!statement.step()) return std::nullopt;
  return statement.text(0);
}

void save_discover_answer(Database& db, std::string_view source, std::string_view query, std::int64_t fetched_ms,
                          std::string_view answer) {
  db.prepare(
        "INSERT INTO discover_cache (source, query, fetched_ms, answer) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT(source, query) DO UPDATE SET fetched_ms = excluded.fetched_ms, answer = excluded.answer")
      .bind(1, source)
      .bind(2, query)
      .bind(3, fetched_ms)
      .bind(4, answer)
      .run();
}

}  // namespace sonic::store
