#include "sonic/playlist/day_segment.hpp"

#include "sonic/core/error.hpp"

namespace sonic::playlist {
namespace {

constexpr const char* kTimesOfDay[] = {"morning", "afternoon", "evening", "night"};

bool is_time_of_day(std::string_view name) {
  for (const char* time : kTimesOfDay) {
    if (name == time) return true;
  }
  return false;
}

}  // namespace

const char* time_of_day_at(int local_hour) {
  if (local_hour >= 5 && local_hour < 12) return "morning";
  if (local_hour >= 12 && local_hour < 17) return "afternoon";
  if (local_hour >= 17 && local_hour < 22) return "evening";
  return "night";
}

bool DaySegment::contains(const LocalTime& local) const {
  if (time_of_day && *time_of_day != time_of_day_at(local.hour)) return false;
  if (day_type && (*day_type == "weekend") != local.weekend()) return false;
  return true;
}

std::string DaySegment::describe() const {
  if (time_of_day && day_type) return *day_type + " " + *time_of_day + "s";
  if (time_of_day) return *time_of_day + "s";
  if (day_type) return *day_type + "s";
  return "any time";
}

DaySegment habit_segment_named(std::string_view name) {
  DaySegment segment;
  std::string_view rest = name;
  for (const std::string_view day : {"weekday", "weekend"}) {
    if (rest == day) return {std::nullopt, std::string(day)};
    if (rest.starts_with(day) && rest.size() > day.size() + 1 && rest[day.size()] == '-') {
      segment.day_type = std::string(day);
      rest.remove_prefix(day.size() + 1);
    }
  }
  if (!is_time_of_day(rest)) {
    throw UsageError("--for " + std::string(name) +
                     ": name a time of day (morning, afternoon, evening, night), a day type (weekday, weekend) or "
                     "both, as in weekend-night");
  }
  segment.time_of_day = std::string(rest);
  return segment;
}

}  // namespace sonic::playlist
