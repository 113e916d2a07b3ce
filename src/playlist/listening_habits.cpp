#include "sonic/playlist/listening_habits.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "sonic/store/playlist_queries.hpp"

namespace sonic::playlist {
namespace {

// Hours from `hour` to the nearest hour of `time_of_day`, around the clock: 0 inside.
int hours_outside(const std::string& time_of_day, int hour) {
  int nearest = 24;
  for (int other = 0; other < 24; ++other) {
    if (time_of_day != time_of_day_at(other)) continue;
    const int apart = std::abs(other - hour);
    nearest = std::min(nearest, std::min(apart, 24 - apart));
  }
  return nearest;
}

}  // namespace

double segment_weight(const DaySegment& segment, const LocalTime& local) {
  if (segment.contains(local)) return 1;
  // Outside: on the other day type, or (the day type holding) at another time of day.
  if (segment.day_type && (*segment.day_type == "weekend") != local.weekend()) return 0;
  return std::pow(kNeighbourHourWeight, hours_outside(*segment.time_of_day, local.hour));
}

std::vector<double> segment_affinity(const std::vector<store::LibraryTrack>& tracks, const ListeningHabits& habits) {
  struct ArtistHabit {
    double weight = 0;
    int tracks = 0;
  };
  std::unordered_map<std::int64_t, ArtistHabit> by_artist;
  auto own = [&](const store::LibraryTrack& track) {
    const auto found = habits.by_track.find(track.track_id);
    return found != habits.by_track.end() ? found->second.segment_weight : 0.0;
  };
  for (const auto& track : tracks) {
    ArtistHabit& artist = by_artist[track.artist_id];
    artist.weight += own(track);
    ++artist.tracks;
  }
  std::vector<double> affinity;
  affinity.reserve(tracks.size());
  for (const auto& track : tracks) {
    const ArtistHabit& artist = by_artist.at(track.artist_id);
    affinity.push_back(own(track) + kArtistHabitShare * artist.weight / artist.tracks);
  }
  return affinity;
}

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
  // A play's weight for the segment, by its UTC quarter hour: every zone's offset is a whole
  // number of quarter hours, so the local hour and weekday are the same across one, and a
  // history has far fewer quarter hours than plays (the C library's local time is slow).
  constexpr std::int64_t kQuarterHourMs = 900'000;
  std::unordered_map<std::int64_t, double> weight_of_quarter;
  for (const auto& [track_id, start_ms] : listens) {
    TrackHabits& track = habits.by_track[track_id];
    const double decayed = std::exp2(-static_cast<double>(habits.newest_start_ms - start_ms) / half_life_ms);
    track.decayed_plays += decayed;
    ++track.plays;
    if (!segment.any()) {
      ++track.segment_plays;
      track.segment_weight += decayed;
      continue;
    }
    const std::int64_t quarter = start_ms >= 0 ? start_ms / kQuarterHourMs : (start_ms + 1) / kQuarterHourMs - 1;
    auto found = weight_of_quarter.find(quarter);
    if (found == weight_of_quarter.end()) {
      found = weight_of_quarter.emplace(quarter, segment_weight(segment, zone.local(quarter * kQuarterHourMs))).first;
    }
    if (found->second == 1) ++track.segment_plays;  // inside the segment: weight 0.5^0 exactly
    track.segment_weight += found->second * decayed;
  }
  for (const auto& [track_id, track] : habits.by_track) {
    habits.max_decayed_plays = std::max(habits.max_decayed_plays, track.decayed_plays);
    habits.max_segment_plays = std::max(habits.max_segment_plays, track.segment_plays);
  }
  return habits;
}

}  // namespace sonic::playlist
