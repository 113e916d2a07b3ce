#pragma once
// How much the person likes each track of their library, simply: plays decayed by age (a play
// counts 0.5^(age / half-life) at the newest listen) and how often they play it in the asked
// time of day. The taste module's profile will replace the affinity once it lands (see
// docs/architecture-notes.md, "Playlists").
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sonic/core/time_zone.hpp"
#include "sonic/playlist/day_segment.hpp"
#include "sonic/store/database.hpp"

namespace sonic::playlist {

struct TrackHabits {
  double decayed_plays = 0;
  int plays = 0;
  int segment_plays = 0;  // plays in the asked segment (all plays when none is asked)
};

struct ListeningHabits {
  std::unordered_map<std::int64_t, TrackHabits> by_track;
  std::int64_t newest_start_ms = 0;  // the decay's "now": the newest listen before the cut-off
  double max_decayed_plays = 0;
  int max_segment_plays = 0;
};

inline constexpr double kAffinityHalfLifeDays = 90;

// (track, start) of every music listen starting before `before_ms`: read once, tallied for as
// many segments as a caller asks (the report's four day playlists).
using ListenStarts = std::vector<std::pair<std::int64_t, std::int64_t>>;
ListenStarts read_listen_starts(store::Database& db, std::int64_t before_ms);

ListeningHabits tally_listening_habits(const ListenStarts& listens, const TimeZone& zone, const DaySegment& segment,
                                       double half_life_days = kAffinityHalfLifeDays);

// Both in one: every music listen starting before `before_ms`.
ListeningHabits compute_listening_habits(store::Database& db, const TimeZone& zone, std::int64_t before_ms,
                                         const DaySegment& segment, double half_life_days = kAffinityHalfLifeDays);

}  // namespace sonic::playlist
