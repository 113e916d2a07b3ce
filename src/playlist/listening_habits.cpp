#include "sonic/playlist/listening_habits.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "sonic/store/playlist_queries.hpp"

namespace sonic::playlist {

ListenStarts read_listen_starts(store::Database& db, std::int64_t before_ms) {
  ListenStarts listens;
  store::for_each_music_listen_start(
      db, before_ms, [&](std::int64_t track_id, std::int64_t start_ms) { listens.emplace_back(track_id, start_ms); });
  return listens;
}

ListeningHabits compute_listening_habits(store::Database& db, const TimeZone& zone, std::int64_t before_ms,
                                         const DaySegment& segment, double half_life_days) {
  return tally_listening_habits(read_listen_starts(db, before_ms), zone, segment, half_life_days);
}

ListeningHabits tally_listening_habits(const ListenStarts& listens, const TimeZone& zone, const DaySegment& segment,
                                       double half_life_days) {
  ListeningHabits habits;
  for (const auto& [track_id, start_ms] : listens) habits.newest_start_ms = std::max(habits.newest_start_ms, start_ms);
  const double half_life_ms = half_life_days * 86'400'000.0;
  // Whether a play falls in the segment, by its UTC quarter hour: every zone's offset is a whole
  // number of quarter hours, so the local hour and weekday are the same across one, and a
  // history has far fewer quarter hours than plays (the C library's local time is slow).
  constexpr std::int64_t kQuarterHourMs = 900'000;
  std::unordered_map<std::int64_t, bool> in_segment;
  for (const auto& [track_id, start_ms] : listens) {
    TrackHabits& track = habits.by_track[track_id];
    track.decayed_plays += std::exp2(-static_cast<double>(habits.newest_start_ms - start_ms) / half_life_ms);
    ++track.plays;
    if (!segment.any()) {
      ++track.segment_plays;
      continue;
    }
    const std::int64_t quarter = start_ms >= 0 ? start_ms / kQuarterHourMs : (start_ms + 1) / kQuarterHourMs - 1;
    auto found = in_segment.find(quarter);
    if (found == in_segment.end()) {
      found = in_segment.emplace(quarter, segment.contains(zone.local(quarter * kQuarterHourMs))).first;
    }
    if (found->second) ++track.segment_plays;
  }
  for (const auto& [track_id, track] : habits.by_track) {
    habits.max_decayed_plays = std::max(habits.max_decayed_plays, track.decayed_plays);
    habits.max_segment_plays = std::max(habits.max_segment_plays, track.segment_plays);
  }
  return habits;
}

}  // namespace sonic::playlist
