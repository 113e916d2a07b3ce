#pragma once
// SQL for the sessions table. Which listens form a session is decided in features/sessions.
#include <cstdint>
#include <vector>

#include "sonic/records/listen.hpp"
#include "sonic/records/session.hpp"
#include "sonic/store/database.hpp"

namespace sonic::store {

struct TimeSpan {
  std::int64_t from_ms;
  std::int64_t to_ms;
};

// Widens [from, to] to cover every stored session that lies within `gap_ms` of it, since new
// listens there may join or merge them.
TimeSpan widen_to_sessions(Database& db, TimeSpan span, std::int64_t gap_ms);

void delete_sessions_within(Database& db, TimeSpan span);

// Music listens (not episodes, not plays under 30 s) starting within the span, by start time.
std::vector<records::Listen> listens_starting_within(Database& db, TimeSpan span);

void insert_sessions(Database& db, const std::vector<records::Session>& sessions);

// Stored sessions starting in [from_ms, to_ms), by start time.
std::vector<records::Session> sessions_starting_within(Database& db, TimeSpan span);

std::int64_t session_count(Database& db);
void delete_all_sessions(Database& db);

// Whether the stored sessions were grouped with this gap (kept in the meta table).
bool sessions_grouped_with_gap(Database& db, std::int64_t gap_ms);
void remember_session_gap(Database& db, std::int64_t gap_ms);

}  // namespace sonic::store
