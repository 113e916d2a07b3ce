#pragma once
// What the simulated listener is asked to produce. Every field has a default, so
// `simulate_listener({})` gives the demo's year; the seed alone decides the data.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sonic/core/utc_time.hpp"

namespace sonic::sim {

// The listener's local days start at the midnight of a date.
using ::sonic::CivilDate;

struct SimulationOptions {
  std::uint64_t seed = 42;
  int days = 365;                    // local days simulated, from start_date on
  CivilDate start_date{2025, 1, 1};  // the listener's first local day
  int utc_offset_minutes = 60;       // fixed offset of the listener's clock from UTC (+60: CET)
  std::size_t catalog_size = 600;    // tracks in the generated catalog
  std::string conn_country = "DE";   // ISO 3166-1 alpha-2, as in the export's conn_country
};

// Throws sonic::UsageError naming the first field out of range: days 1..3660, a real date,
// an offset between -12:00 and +14:00, at least 10 tracks, a two-letter upper-case country.
void validate(const SimulationOptions& options);

}  // namespace sonic::sim
