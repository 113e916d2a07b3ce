#pragma once
// The stretch of history a summary or a report looks at: the last N days, one calendar year in
// review, or everything. "Last N days" counts back from the newest listen, not from today, so
// an old export still has a "last 30 days".
//
//   const Period period = Period::parse("30", std::nullopt);  // --period 30
//   const TimeSpan span = resolve_period(db, zone, period);     // [from_ms, to_ms)
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sonic/core/time_zone.hpp"
#include "sonic/store/database.hpp"

namespace sonic::insight {

struct Period {
  enum class Kind { last_days, all, year };
  Kind kind = Kind::all;
  int days = 0;  // last_days
  int year = 0;  // year: a local calendar year

  static Period last_days(int days);
  static Period all() { return {}; }
  static Period calendar_year(int year);
  // The --period and --year flags: period "7", "30", "365" or "all"; a year wins over the period.
  // A UsageError names a value that is neither.
  static Period parse(std::string_view period, std::optional<int> year);

  std::string describe() const;  // "last 30 days", "2024", "all time"
};

// Half-open: a play belongs to the span when from_ms <= its start < to_ms.
struct PeriodSpan {
  std::int64_t from_ms = 0;
  std::int64_t to_ms = 0;
};

// Last N days ends just after the newest music listen's start; a year runs from local midnight
// on 1 January to the next; all time covers every listen. An empty store gives [0, 0).
PeriodSpan resolve_period(store::Database& db, const TimeZone& zone, const Period& period);

}  // namespace sonic::insight
