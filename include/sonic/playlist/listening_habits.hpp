#pragma once
// How much the person likes each track of their library, simply: plays decayed by age (a play
// counts 0.5^(age / half-life) at the newest listen) and how often they play it in the asked
// time of day. The taste module's profile will replace the affinity once it lands (see
// docs/architecture-notes.md, "Playlists").
//
// The time of day is ranked by the person's own recent hours: each play counts decayed, fully
// inside the asked time of day and kNeighbourHourWeight^h at h hours outside it (a 21:30 play
// says something about "night"), and a track shares in its artist's habit for that time, so a
// track played once borrows the hours of an artist the person plays then.
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sonic/core/time_zone.hpp"
#include "sonic/playlist/day_segment.hpp"
#include "sonic/store/database.hpp"
#include "sonic/store/playlist_queries.hpp"

namespace sonic::playlist {

struct TrackHabits {
  double decayed_plays = 0;
  int plays = 0;
  int segment_plays = 0;  // plays in the asked segment (all plays when none is asked)
  // Plays decayed as decayed_plays and weighted by segment_weight: the track's own habit for the
  // asked segment (decayed_plays when none is asked).
  double segment_weight = 0;
};

struct ListeningHabits {
  std::unordered_map<std::int64_t, TrackHabits> by_track;
  std::int64_t newest_start_ms = 0;  // the decay's "now": the newest listen before the cut-off
  double max_decayed_plays = 0;
  int max_segment_plays = 0;
};

inline constexpr double kAffinityHalfLifeDays = 90;
// What a play one hour outside the asked time of day counts (two hours: its square, and so on).
// Chosen on the month before each held-out month (bench/playlist.py), never on the held-out one.
inline constexpr double kNeighbourHourWeight = 0.5;
// The share of an artist's segment weight spread over that artist's library tracks.
inline constexpr double kArtistHabitShare = 0.5;

// How much a play at `local` counts for `segment`: 0 on the other day type; 1 inside the time of
// day (or when none is asked), else kNeighbourHourWeight to the power of the hours between the
// play's hour and the nearest hour of the time of day (around midnight too).
double segment_weight(const DaySegment& segment, const LocalTime& local);

// (track, start) of every music listen starting before `before_ms`: read once, tallied for as
// many segments as a caller asks (the report's four day playlists).
using ListenStarts = std::vector<std::pair<std::int64_t, std::int64_t>>;
ListenStarts read_listen_starts(store::Database& db, std::int64_t before_ms);

ListeningHabits tally_listening_habits(const ListenStarts& listens, const TimeZone& zone, const DaySegment& segment,
                                       double half_life_days = kAffinityHalfLifeDays);

// Both in one: every music listen starting before `before_ms`.
ListeningHabits compute_listening_habits(store::Database& db, const TimeZone& zone, std::int64_t before_ms,
                                         const DaySegment& segment, double half_life_days = kAffinityHalfLifeDays);

// Per track of `tracks` (same order): its segment_weight plus kArtistHabitShare of its artist's
// summed segment_weight, divided evenly among that artist's tracks in `tracks`.
std::vector<double> segment_affinity(const std::vector<store::LibraryTrack>& tracks, const ListeningHabits& habits);

}  // namespace sonic::playlist
