#include "listens_in_time_order.hpp"

#include <algorithm>

namespace sonic::store {

std::vector<TimedListen> listens_in_time_order(Database& db, std::int64_t from_ms, std::int64_t to_ms) {
  // `+` keeps the planner off plays_by_start: the bounds filter the covering index's entries.
  auto query = db.prepare(
      "SELECT p.start_ms, p.id, p.track_id, p.ms_played, p.end_ms FROM plays p "
      "WHERE p.track_id IS NOT NULL AND p.is_short = 0 AND +p.start_ms >= ?1 AND +p.start_ms < ?2");
  query.bind(1, from_ms).bind(2, to_ms);
  std::vector<TimedListen> listens;
  while (query.step()) {
    listens.push_back({query.integer(0), query.integer(1), query.integer(2), query.integer(3), query.integer(4)});
  }
  std::sort(listens.begin(), listens.end(), [](const TimedListen& a, const TimedListen& b) {
    return a.start_ms != b.start_ms ? a.start_ms < b.start_ms : a.id < b.id;
  });
  return listens;
}

}  // namespace sonic::store
