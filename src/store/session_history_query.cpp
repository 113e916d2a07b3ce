#include "sonic/store/session_history_query.hpp"

namespace sonic::store {

records::SessionHistory read_session_history(Database& db, std::int64_t before_ms) {
  records::SessionHistory history;
  auto sessions = db.prepare(
      "SELECT start_ms, end_ms, plays, ms_played FROM sessions WHERE start_ms < ?1 "
      "ORDER BY start_ms");
  sessions.bind(1, before_ms);
  while (sessions.step()) {
    history.sessions.push_back({sessions.integer(0), sessions.integer(1), sessions.integer(2), sessions.integer(3)});
  }
  // The same listens sessions are made of (store/session_store.cpp).
  auto listens = db.prepare(
      "SELECT start_ms FROM plays WHERE start_ms < ?1 AND track_id IS NOT NULL AND is_short = 0 "
      "ORDER BY start_ms");
  listens.bind(1, before_ms);
  while (listens.step()) history.listen_starts_ms.push_back(listens.integer(0));
  return history;
}

}  // namespace sonic::store
