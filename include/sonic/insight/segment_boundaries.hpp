#pragma once
// The four parts of a local day and where they begin. A part runs from its start hour to the
// next part's start; night wraps past midnight (22-05 by default). Crossed with weekday and
// weekend (by the local calendar day a play starts on) they make the eight segments.
//
//   const auto bounds = SegmentBoundaries::parse("morning=6,night=23");  // --segments
//   bounds.time_of_day(zone.local(start_ms).hour);                        // TimeOfDay::night
#include <array>
#include <string>
#include <string_view>

namespace sonic::insight {

enum class TimeOfDay { morning, afternoon, evening, night };
inline constexpr std::array<TimeOfDay, 4> kTimesOfDay = {TimeOfDay::morning, TimeOfDay::afternoon, TimeOfDay::evening,
                                                         TimeOfDay::night};
const char* name_of(TimeOfDay part);  // "morning", …

struct SegmentBoundaries {
  int morning = 5;
  int afternoon = 12;
  int evening = 17;
  int night = 22;

  // "morning=5,afternoon=12,evening=17,night=22"; parts left out keep their default. A
  // UsageError names an unknown part, an hour outside 0-23 or hours out of order.
  static SegmentBoundaries parse(std::string_view text);
  // Throws UsageError unless morning < afternoon < evening < night, all within 0-23.
  void check() const;

  TimeOfDay time_of_day(int local_hour) const;
  std::string describe() const;  // the parse() form
};

}  // namespace sonic::insight
