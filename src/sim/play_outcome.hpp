#pragma once
// How one play of a track ends: played through, skipped within 30 seconds, abandoned with the
// back button, or cut off as the session ends. Spotify records each as a reason_end value.
#include <cstdint>
#include <string>

#include "sonic/core/random.hpp"

namespace sonic::sim {

struct PlayOutcome {
  std::int64_t ms_played = 0;  // always > 0
  const char* reason_end = "trackdone";
  bool skipped = false;
};

struct PlayCircumstances {
  std::int64_t duration_ms = 0;
  bool last_of_session = false;
  bool off_mood = false;  // the track does not fit the session's mood: more likely skipped
  bool shuffle = false;   // shuffle brings less wanted tracks: a little more skipping
};

PlayOutcome decide_outcome(const PlayCircumstances& play, SeededRandom& random);

// reason_start of the first stream in a session.
const char* opening_reason(SeededRandom& random);

// reason_start of the stream after one that ended with `previous_reason_end`.
std::string following_reason(const std::string& previous_reason_end);

}  // namespace sonic::sim
