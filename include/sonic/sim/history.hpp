#pragma once
// A simulated listener's year: the catalog they drew from, every stream as Spotify would log it,
// and the ground truth behind it (sessions and their moods), which a real export never has.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sonic/sim/catalog.hpp"
#include "sonic/sim/mood.hpp"
#include "sonic/sim/options.hpp"
#include "sonic/sim/stream_row.hpp"

namespace sonic::sim {

// One listening session as the simulator planned it. Consecutive sessions are more than
// 30 minutes apart and the streams inside one are less than 30 minutes apart, so a correct
// sessioniser finds exactly these.
struct SimulatedSession {
  std::int64_t start_ms = 0;  // UTC milliseconds since the epoch
  std::int64_t end_ms = 0;
  std::size_t first_row = 0;  // rows[first_row, first_row + row_count)
  std::size_t row_count = 0;
  std::string routine;                 // which part of the day it belongs to: "commute", "evening", ...
  LatentMood mood = LatentMood::calm;  // the mood the session leans towards
  bool weekend = false;
};

struct History {
  SimulationOptions options;
  Catalog catalog;
  std::vector<StreamRow> rows;  // in order of ts, as the export files list them
  std::vector<SimulatedSession> sessions;
};

// Validates the options (sonic::UsageError) and simulates. Same options ⇒ same history, on any
// platform. The catalog depends only on (seed, catalog_size), not on the number of days.
History simulate_listener(const SimulationOptions& options = {});

}  // namespace sonic::sim
