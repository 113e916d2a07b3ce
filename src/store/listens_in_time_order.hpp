#pragma once
// The music listens (tracks, 30 s or more) read from the covering index plays_listens_by_track
// and put in time order in memory. Walking plays_by_start instead costs a table lookup per play
// (and every join a lookup per listen), which on a lifetime of plays was most of a report.
#include <cstdint>
#include <limits>
#include <vector>

#include "sonic/store/database.hpp"

namespace sonic::store {

struct TimedListen {
  std::int64_t start_ms = 0;
  std::int64_t id = 0;  // plays.id: ties in start keep the order the plays were stored in
  std::int64_t track_id = 0;
  std::int64_t ms_played = 0;
  std::int64_t end_ms = 0;
};

// Listens starting in [from_ms, to_ms), by start then id: plays_by_start's order.
std::vector<TimedListen> listens_in_time_order(Database& db,
                                               std::int64_t from_ms = std::numeric_limits<std::int64_t>::min(),
                                               std::int64_t to_ms = std::numeric_limits<std::int64_t>::max());

}  // namespace sonic::store
