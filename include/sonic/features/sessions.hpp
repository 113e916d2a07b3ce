#pragma once
// Listening sessions: a new session starts when more than `gap` passes between the end of the
// listening so far and the next listen's start.
#include <cstdint>
#include <span>
#include <vector>

#include "sonic/records/listen.hpp"
#include "sonic/records/session.hpp"

namespace sonic::features {

inline constexpr std::int64_t kDefaultSessionGapMs = 30 * 60 * 1000;

// `listens` must be sorted by start time.
std::vector<records::Session> group_into_sessions(std::span<const records::Listen> listens, std::int64_t gap_ms);

}  // namespace sonic::features
