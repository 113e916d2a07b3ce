#pragma once
// What the simulator tests share: the default year (simulated once per test binary), and the
// arithmetic to read a row's local time back, kept independent of the simulator's own helpers.
#include <cstdint>
#include <string>

#include "sonic/sim/history.hpp"

namespace sonic::sim::testing {

inline const History& default_year() {
  static const History history = simulate_listener();
  return history;
}

// When the stream started (whole seconds, UTC): the export gives only its end and duration.
inline std::int64_t start_seconds(const StreamRow& row) { return row.ts - row.ms_played / 1000; }

inline std::int64_t local_seconds(std::int64_t utc_seconds, int offset_minutes) {
  return utc_seconds + std::int64_t{offset_minutes} * 60;
}

inline int local_hour(std::int64_t utc_seconds, int offset_minutes) {
  const std::int64_t local = local_seconds(utc_seconds, offset_minutes);
  return static_cast<int>(((local % 86400) + 86400) % 86400 / 3600);
}

// A local calendar day number (days since 1970-01-01 in the listener's clock).
inline std::int64_t local_day(std::int64_t utc_seconds, int offset_minutes) {
  const std::int64_t local = local_seconds(utc_seconds, offset_minutes);
  return local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
}

}  // namespace sonic::sim::testing
