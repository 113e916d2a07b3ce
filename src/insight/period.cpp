#include "sonic/insight/period.hpp"

#include <charconv>

#include "sonic/core/error.hpp"
#include "sonic/store/listen_details.hpp"

namespace sonic::insight {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

}  // namespace

Period Period::last_days(int days) {
  if (days <= 0) throw UsageError("a period must be at least one day, not " + std::to_string(days));
  return {Kind::last_days, days, 0};
}

Period Period::calendar_year(int year) {
  if (year < 1970 || year > 9999) {
    throw UsageError("--year " + std::to_string(year) + " is not a year sonic can hold (1970-9999)");
  }
  return {Kind::year, 0, year};
}

Period Period::parse(std::string_view period, std::optional<int> year) {
  if (year) return calendar_year(*year);
  if (period == "all") return all();
  int days = 0;
  const auto [end, error] = std::from_chars(period.data(), period.data() + period.size(), days);
  if (error != std::errc() || end != period.data() + period.size() || (days != 7 && days != 30 && days != 365)) {
    throw UsageError("--period must be 7, 30, 365 or all, not '" + std::string(period) + "'");
  }
  return last_days(days);
}

std::string Period::describe() const {
  switch (kind) {
    case Kind::last_days:
      return "last " + std::to_string(days) + " days";
    case Kind::year:
      return std::to_string(year);
    case Kind::all:
      break;
  }
  return "all time";
}

std::string Period::slug() const {
  switch (kind) {
    case Kind::last_days:
      return "last" + std::to_string(days);
    case Kind::year:
      return std::to_string(year);
    case Kind::all:
      break;
  }
  return "all";
}

PeriodSpan resolve_period(store::Database& db, const TimeZone& zone, const Period& period) {
  if (period.kind == Period::Kind::year) {
    return {zone.utc_ms(period.year, 1, 1, 0), zone.utc_ms(period.year + 1, 1, 1, 0)};
  }
  const auto starts = store::listen_start_range(db);
  if (!starts) return {};
  const std::int64_t to_ms = starts->last_ms + 1;
  if (period.kind == Period::Kind::all) return {starts->first_ms, to_ms};
  return {to_ms - period.days * kDayMs, to_ms};
}

}  // namespace sonic::insight
