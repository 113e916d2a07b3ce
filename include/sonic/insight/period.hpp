#pragma once
// The stretch of history a summary, a report or the nightly retrain looks at: the last N days,
// one local calendar year in review, or everything. "Last N days" counts back from just after the
// newest music listen's start, not from today, so an old export still has a "last 30 days"; a
// year is the local calendar year, from local midnight on 1 January (a New Year's Eve listen in
// Berlin belongs to the year it was heard in). The one Period type of summarize, report, retrain.
//
//   const Period period = Period::parse("30", std::nullopt);  // --period 30
//   const PeriodSpan span = resolve_period(db, zone, period);     // [from_ms, to_ms)
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
  std::string slug() const;      // for file names: "last30", "2024", "all"
};

// Half-open: a play belongs to the span when from_ms <= its start < to_ms.
struct PeriodSpan {
  std::int64_t from_ms = 0;
  std::int64_t to_ms = 0;

  bool contains(std::int64_t start_ms) const { return start_ms >= from_ms && start_ms < to_ms; }
};

// Last N days ends just after the newest music listen's start; a year runs from local midnight
// on 1 January to the next; all time covers every listen. An empty store gives [0, 0).
PeriodSpan resolve_period(store::Database& db, const TimeZone& zone, const Period& period);

}  // namespace sonic::insight
