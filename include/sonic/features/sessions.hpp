#pragma once
// Listening sessions: a new session starts when more than `gap` passes between the end of the
// listening so far and the next listen's start.
#include <cstdint>
#include <span>
#include <vector>

namespace sonic::features {

inline constexpr std::int64_t kDefaultSessionGapMs = 30 * 60 * 1000;

struct Listen {
  std::int64_t start_ms;
  std::int64_t end_ms;
  std::int64_t ms_played;
};

struct Session {
  std::int64_t start_ms;
  std::int64_t end_ms;  // the latest end among its listens (plays may overlap)
  std::int64_t plays;
  std::int64_t ms_played;
};

// `listens` must be sorted by start time.
std::vector<Session> group_into_sessions(std::span<const Listen> listens, std::int64_t gap_ms);

}  // namespace sonic::features
