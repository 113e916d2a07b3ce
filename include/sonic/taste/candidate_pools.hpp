#pragma once
// The candidate pools of `sonic recommend` (and of playlists built from them): tracks of the
// person's own history, chosen from the library's signals as of one moment.
//   rediscover: tracks not heard for `rediscover_after_days` (90) — the ranker favours the ones
//               strongly remembered;
//   library:    tracks not heard for `library_quiet_days` (30) that shared sessions with, or share
//               genres with, the current listening (and are not rediscoveries).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sonic/taste/library_signals.hpp"

namespace sonic::taste {

enum class Pool { rediscover, library, discover };

const char* pool_name(Pool pool);

struct PoolOptions {
  int rediscover_after_days = 90;
  int library_quiet_days = 30;
};

struct Candidate {
  std::int64_t track_id = 0;
  Pool pool = Pool::rediscover;
};

std::vector<Candidate> rediscovery_pool(const LibrarySignals& signals, const PoolOptions& options);
std::vector<Candidate> library_pool(const LibrarySignals& signals, const PoolOptions& options);

}  // namespace sonic::taste
