#include "sonic/store/session_store.hpp"

#include <algorithm>
#include <string>

namespace sonic::store {

TimeSpan widen_to_sessions(Database& db, TimeSpan span, std::int64_t gap_ms) {
  auto query = db.prepare("SELECT min(start_ms), max(end_ms) FROM sessions WHERE end_ms >= ?1 AND start_ms <= ?2");
  query.bind(1, span.from_ms - gap_ms).bind(2, span.to_ms + gap_ms);
  if (query.step() && !query.is_null(0)) {
    span.from_ms = std::min(span.from_ms, query.integer(0));
    span.to_ms = std::max(span.to_ms, query.integer(1));
  }
  return span;
}

void delete_sessions_within(Database& db, TimeSpan span) {
  db.prepare("DELETE FROM sessions WHERE start_ms >= ?1 AND start_ms <= ?2")
      .bind(1, span.from_ms)
      .bind(2, span.to_ms)
      .run();
}

std::vector<records::Listen> listens_starting_within(Database& db, TimeSpan span) {
  auto query = db.prepare(
      "SELECT start_ms, end_ms, ms_played FROM plays WHERE start_ms >= ?1 AND start_ms <= ?2 "
      "AND track_id IS NOT NULL AND is_short = 0 ORDER BY start_ms");
  query.bind(1, span.from_ms).bind(2, span.to_ms);
  std::vector<records::Listen> listens;
  while (query.step()) listens.push_back({query.integer(0), query.integer(1), query.integer(2)});
  return listens;
}

void insert_sessions(Database& db, const std::vector<records::Session>& sessions) {
  auto insert = db.prepare("INSERT INTO sessions (start_ms, end_ms, plays, ms_played) VALUES (?1, ?2, ?3, ?4)");
  for (const auto& session : sessions) {
    insert.bind(1, session.start_ms).bind(2, session.end_ms).bind(3, session.plays).bind(4, session.ms_played).run();
  }
}

std::vector<records::Session> sessions_starting_within(Database& db, TimeSpan span) {
  auto query = db.prepare(
      "SELECT start_ms, end_ms, plays, ms_played FROM sessions "
      "WHERE start_ms >= ?1 AND start_ms < ?2 ORDER BY start_ms, id");
  query.bind(1, span.from_ms).bind(2, span.to_ms);
  std::vector<records::Session> sessions;
  while (query.step()) {
    sessions.push_back({query.integer(0), query.integer(1), query.integer(2), query.integer(3)});
  }
  return sessions;
}

std::int64_t session_count(Database& db) { return db.scalar("SELECT count(*) FROM sessions"); }

void delete_all_sessions(Database& db) { db.exec("DELETE FROM sessions"); }

bool sessions_grouped_with_gap(Database& db, std::int64_t gap_ms) {
  auto stored = db.prepare("SELECT value FROM meta WHERE key = 'session_gap_ms'");
  return stored.step() && stored.text(0) == std::to_string(gap_ms);
}

void remember_session_gap(Database& db, std::int64_t gap_ms) {
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('session_gap_ms', ?1)")
      .bind(1, std::to_string(gap_ms))
      .run();
}

}  // namespace sonic::store
