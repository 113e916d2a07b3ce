#pragma once
// When the simulated listener listens, where, and what mood the hour calls for. These tables
// are the whole personality of the listener; change them here and nowhere else.
#include <span>

#include "sonic/sim/mood.hpp"

namespace sonic::sim {

// Where the listener is decides the device and the network (and so ip_addr).
enum class Place { on_the_move, home, work };

// A routine moment of the day that may or may not hold a session.
struct RoutineSlot {
  const char* name;
  int earliest_start_minute;  // local minutes after midnight
  int latest_start_minute;    // a session pushed later than this by the one before is dropped
  double probability;         // of a session on a given day
  int min_tracks;
  int max_tracks;
  Place place;
  double shuffle_chance;
  double podcast_chance;  // the session opens with a podcast episode
  double offline_chance;
};

// Weekdays: commute, afternoon focus at work, commute home, evening, sometimes late night.
std::span<const RoutineSlot> weekday_routine();
// Weekends: late mornings, a lazy afternoon, long evenings, more late nights.
std::span<const RoutineSlot> weekend_routine();

// The mood the hour calls for: calm mornings, focus afternoons, energetic evenings, sad late
// nights. `local_hour` is 0..23.
MoodWeights mood_weights_at(int local_hour);

}  // namespace sonic::sim
