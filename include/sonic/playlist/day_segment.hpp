#pragma once
// Times of day and day types as a playlist speaks of them: morning 05-12, afternoon 12-17,
// evening 17-22, night 22-05 (insight's default segment boundaries), and a play's day type by the
// local calendar day it starts on (Saturday 01:00 is a weekend night, as in insight/segments).
#include <optional>
#include <string>
#include <string_view>

#include "sonic/core/time_zone.hpp"

namespace sonic::playlist {

struct DaySegment {
  std::optional<std::string> time_of_day;  // morning | afternoon | evening | night
  std::optional<std::string> day_type;     // weekday | weekend

  bool any() const { return time_of_day || day_type; }
  bool contains(const LocalTime& local) const;
  std::string describe() const;  // "weekend nights", "mornings", "weekdays"
};

const char* time_of_day_at(int local_hour);

// `--for` names: morning, afternoon, evening, night, weekday, weekend, and any of the four times
// of day after weekday- or weekend- ("weekend-night"). A UsageError lists them for another name.
DaySegment habit_segment_named(std::string_view name);

}  // namespace sonic::playlist
