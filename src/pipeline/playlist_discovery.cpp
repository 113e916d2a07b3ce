#include "sonic/pipeline/playlist_discovery.hpp"

#include <algorithm>
#include <set>

#include "sonic/taste/candidate_pools.hpp"
#include "sonic/taste/library_signals.hpp"
#include "sonic/taste/listening_data.hpp"

namespace sonic::pipeline {

TastePoolDiscovery::TastePoolDiscovery(store::Database& db, std::int64_t before_ms,
                                       const std::vector<playlist::Candidate>& library)
    : db_(&db), before_ms_(before_ms), library_(&library) {}

std::vector<playlist::Candidate> TastePoolDiscovery::discover(const playlist::Constraints& /*constraints*/,
                                                              std::size_t /*count*/) {
  const auto data = taste::load_listening_data(*db_);
  if (data.listens.empty()) return {};
  // As of the cut-off (or just after the newest listen): the pools as they were then.
  const std::int64_t as_of_ms = std::min(before_ms_, data.listens.back().start_ms + 1);
  const auto listens = data.listens_before(as_of_ms);
  if (listens.empty()) return {};
  const auto signals = taste::compute_library_signals(data, listens, as_of_ms, taste::SignalOptions{});
  std::set<std::int64_t> pooled;
  for (const auto& candidate : taste::rediscovery_pool(signals, taste::PoolOptions{}))
    pooled.insert(candidate.track_id);
  for (const auto& candidate : taste::library_pool(signals, taste::PoolOptions{})) pooled.insert(candidate.track_id);
  std::vector<playlist::Candidate> found;
  for (const auto& candidate : *library_) {
    if (pooled.count(candidate.track.track_id) > 0) found.push_back(candidate);
  }
  return found;
}

}  // namespace sonic::pipeline
