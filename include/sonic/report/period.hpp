#pragma once
// The stretch of history a report covers: all of it, the last 7, 30 or 365 days before the
// newest listen, or one local calendar year (a year in review). Periods are half-open ranges of
// a listen's start time, [from_ms, to_ms); an unbounded side is nullopt.
//
// A minimal version of insight/period.hpp (not on main when the report was written): the lead
// folds the two into one.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sonic/core/time_zone.hpp"

namespace sonic::report {

struct Period {
  std::string name = "all";               // "all", "last 30 days", "2024"
  std::string slug = "all";               // for file names: "all", "last30", "2024"
  std::optional<int> days;                // 7, 30, 365 for a relative period
  std::optional<int> year;                // for a year in review
  std::optional<std::int64_t> from_ms;    // inclusive
  std::optional<std::int64_t> to_ms;      // exclusive

  bool contains(std::int64_t start_ms) const {
    return (!from_ms || start_ms >= *from_ms) && (!to_ms || start_ms < *to_ms);
  }
};

// From the --period and --year flags. `period` is "7", "30", "365" or "all" (UsageError
// otherwise); `year`, when set, wins and means that local calendar year. A relative period ends
// just after the newest listen's start (`newest_start_ms`; none in an empty store: all history).
Period resolve_period(const std::string& period, std::optional<int> year,
                      std::optional<std::int64_t> newest_start_ms, const TimeZone& zone);

// {"name", "days", "year", "from", "to"} with ISO UTC times or null.
nlohmann::json to_json(const Period& period);

}  // namespace sonic::report
