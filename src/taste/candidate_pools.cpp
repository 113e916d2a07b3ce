#include "sonic/taste/candidate_pools.hpp"

namespace sonic::taste {
namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;

bool quiet_for(const TrackSignals& track, std::int64_t now_ms, int days) {
  return track.last_ms < now_ms - days * kMsPerDay;
}

}  // namespace

const char* pool_name(Pool pool) {
  switch (pool) {
    case Pool::rediscover:
      return "rediscover";
    case Pool::library:
      return "library";
    case Pool::discover:
      return "discover";
  }
  return "?";
}

std::vector<Candidate> rediscovery_pool(const LibrarySignals& signals, const PoolOptions& options) {
  std::vector<Candidate> pool;
  for (const auto& track : signals.tracks) {
    if (quiet_for(track, signals.now_ms, options.rediscover_after_days))
      pool.push_back({track.track_id, Pool::rediscover});
  }
  return pool;
}

std::vector<Candidate> library_pool(const LibrarySignals& signals, const PoolOptions& options) {
  std::vector<Candidate> pool;
  for (const auto& track : signals.tracks) {
    const bool related = track.co_listening > 0 || track.tag_similarity > 0;
    if (related && quiet_for(track, signals.now_ms, options.library_quiet_days) &&
        !quiet_for(track, signals.now_ms, options.rediscover_after_days)) {
      pool.push_back({track.track_id, Pool::library});
    }
  }
  return pool;
}

}  // namespace sonic::taste
