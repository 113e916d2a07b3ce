#include "sonic/playlist/listening_habits.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "sonic/store/playlist_queries.hpp"

namespace sonic::playlist {

ListeningHabits compute_listening_habits(store::Database& db, const TimeZone& zone, std::int64_t before_ms,
                                         const DaySegment& segment, double half_life_days) {
  std::vector<std::pair<std::int64_t, std::int64_t>> listens;
  store::for_each_music_listen_start(
      db, before_ms, [&](std::int64_t track_id, std::int64_t start_ms) { listens.emplace_back(track_id, start_ms); });
  ListeningHabits habits;
  for (const auto& [track_id, start_ms] : listens) habits.newest_start_ms = std::max(habits.newest_start_ms, start_ms);
  const double half_life_ms = half_life_days * 86'400'000.0;
  for (const auto& [track_id, start_ms] : listens) {
    TrackHabits& track = habits.by_track[track_id];
    track.decayed_plays += std::exp2(-static_cast<double>(habits.newest_start_ms - start_ms) / half_life_ms);
    ++track.plays;
    if (!segment.any() || segment.contains(zone.local(start_ms))) ++track.segment_plays;
  }
  for (const auto& [track_id, track] : habits.by_track) {
    habits.max_decayed_plays = std::max(habits.max_decayed_plays, track.decayed_plays);
    habits.max_segment_plays = std::max(habits.max_segment_plays, track.segment_plays);
  }
  return habits;
}

}  // namespace sonic::playlist
