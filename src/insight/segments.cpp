#include "sonic/insight/segments.hpp"

#include <array>

#include "listening_tally.hpp"
#include "sonic/store/listen_details.hpp"

namespace sonic::insight {
namespace {

std::size_t segment_index(TimeOfDay part, bool weekend) { return (weekend ? 4u : 0u) + static_cast<std::size_t>(part); }

}  // namespace

std::string Segment::name() const { return std::string(weekend ? "weekend " : "weekday ") + name_of(time_of_day); }

Profile compute_profile(store::Database& db, const TimeZone& zone, const Period& period,
                        const SegmentBoundaries& boundaries) {
  boundaries.check();
  Profile profile;
  profile.period = period.describe();
  profile.span = resolve_period(db, zone, period);
  profile.time_zone = zone.name();
  profile.boundaries = boundaries;

  ListeningTally overall;
  std::array<ListeningTally, 8> by_segment;
  for (const auto& listen : store::listen_details(db, profile.span.from_ms, profile.span.to_ms)) {
    const LocalTime local = zone.local(listen.start_ms);
    overall.add(listen);
    by_segment[segment_index(boundaries.time_of_day(local.hour), local.weekend())].add(listen);
  }
  const std::int64_t total_ms = overall.ms_played();
  profile.overall = overall.stats(total_ms);
  for (const bool weekend : {false, true}) {
    for (const TimeOfDay part : kTimesOfDay) {
      profile.segments.push_back({part, weekend, by_segment[segment_index(part, weekend)].stats(total_ms)});
    }
  }
  return profile;
}

}  // namespace sonic::insight
