#include "sonic/insight/segment_boundaries.hpp"

#include <charconv>

#include "sonic/core/error.hpp"

namespace sonic::insight {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

int parse_hour(std::string_view part, std::string_view value) {
  int hour = -1;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), hour);
  if (error != std::errc() || end != value.data() + value.size() || hour < 0 || hour > 23) {
    throw UsageError("--segments: " + std::string(part) + " must start at an hour 0-23, not '" + std::string(value) +
                     "'");
  }
  return hour;
}

}  // namespace

const char* name_of(TimeOfDay part) {
  switch (part) {
    case TimeOfDay::morning:
      return "morning";
    case TimeOfDay::afternoon:
      return "afternoon";
    case TimeOfDay::evening:
      return "evening";
    case TimeOfDay::night:
      break;
  }
  return "night";
}

SegmentBoundaries SegmentBoundaries::parse(std::string_view text) {
  SegmentBoundaries bounds;
  while (!trim(text).empty()) {
    const auto comma = text.find(',');
    const std::string_view item = trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    const auto equals = item.find('=');
    const std::string_view part = trim(item.substr(0, equals));
    if (equals == std::string_view::npos) {
      throw UsageError("--segments: expected part=hour (e.g. morning=5), not '" + std::string(item) + "'");
    }
    const int hour = parse_hour(part, trim(item.substr(equals + 1)));
    if (part == "morning")
      bounds.morning = hour;
    else if (part == "afternoon")
      bounds.afternoon = hour;
    else if (part == "evening")
      bounds.evening = hour;
    else if (part == "night")
      bounds.night = hour;
    else {
      throw UsageError("--segments: unknown part '" + std::string(part) + "' (morning, afternoon, evening, night)");
    }
  }
  bounds.check();
  return bounds;
}

void SegmentBoundaries::check() const {
  const bool in_range = morning >= 0 && night <= 23;
  if (!in_range || !(morning < afternoon && afternoon < evening && evening < night)) {
    throw UsageError(
        "--segments: the parts must start in the order morning < afternoon < "
        "evening < night within 0-23, not " +
        describe());
  }
}

TimeOfDay SegmentBoundaries::time_of_day(int local_hour) const {
  if (local_hour >= morning && local_hour < afternoon) return TimeOfDay::morning;
  if (local_hour >= afternoon && local_hour < evening) return TimeOfDay::afternoon;
  if (local_hour >= evening && local_hour < night) return TimeOfDay::evening;
  return TimeOfDay::night;
}

std::string SegmentBoundaries::describe() const {
  return "morning=" + std::to_string(morning) + ",afternoon=" + std::to_string(afternoon) +
         ",evening=" + std::to_string(evening) + ",night=" + std::to_string(night);
}

}  // namespace sonic::insight
