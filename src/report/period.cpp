#include "sonic/report/period.hpp"

#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"

namespace sonic::report {
namespace {

nlohmann::json time_or_null(const std::optional<std::int64_t>& ms) {
  return ms ? nlohmann::json(format_iso8601_utc(*ms)) : nlohmann::json(nullptr);
}

}  // namespace

Period resolve_period(const std::string& period, std::optional<int> year,
                      std::optional<std::int64_t> newest_start_ms, const TimeZone& zone) {
  Period result;
  if (year) {
    if (*year < 1970 || *year > 9999) {
      throw UsageError("--year " + std::to_string(*year) + " is not a year between 1970 and 9999");
    }
    result.name = std::to_string(*year);
    result.slug = result.name;
    result.year = year;
    // Local midnights, so a New Year's Eve listen in Berlin belongs to the year it was heard in.
    result.from_ms = zone.utc_ms(*year, 1, 1, 0);
    result.to_ms = zone.utc_ms(*year + 1, 1, 1, 0);
    return result;
  }
  if (period == "all") return result;
  int days = 0;
  if (period == "7") days = 7;
  if (period == "30") days = 30;
  if (period == "365") days = 365;
  if (days == 0) throw UsageError("--period must be 7, 30, 365 or all, not \"" + period + "\"");
  result.name = "last " + period + " days";
  result.slug = "last" + period;
  result.days = days;
  if (newest_start_ms) {
    result.to_ms = *newest_start_ms + 1;
    result.from_ms = *result.to_ms - days * kMsPerDay;
  }
  return result;
}

nlohmann::json to_json(const Period& period) {
  return {{"name", period.name},
          {"days", period.days ? nlohmann::json(*period.days) : nlohmann::json(nullptr)},
          {"year", period.year ? nlohmann::json(*period.year) : nlohmann::json(nullptr)},
          {"from", time_or_null(period.from_ms)},
          {"to", time_or_null(period.to_ms)}};
}

}  // namespace sonic::report
