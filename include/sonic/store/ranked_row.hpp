#pragma once
// A line of a "top" list (artists or tracks by listens), as the stats and the dashboard read it.
#include <cstdint>
#include <string>
#include <vector>

#include "sonic/store/database.hpp"

namespace sonic::store {

enum class TopOf { artists, tracks };

struct RankedRow {
  std::string name;
  std::string detail;  // the artist, for a track; empty for an artist
  std::int64_t listens = 0;
  std::int64_t ms_played = 0;
};

// Every row of a query whose columns are name, detail, count and milliseconds played.
std::vector<RankedRow> ranked_rows(Statement& query);

}  // namespace sonic::store
