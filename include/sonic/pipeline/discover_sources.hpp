#pragma once
// Asks the sources of the "beyond your library" pool about the seeds: Last.fm artist.getSimilar
// and track.getSimilar (needs LASTFM_API_KEY), ReccoBeats recommendation (no key), and imported
// catalogs (no network). Each service answer is cached in the store for 30 days
// (store/discover_cache), so a re-run asks nothing twice. A source that cannot be asked (no key,
// --offline) or fails (network down, rate limited, service errors) is skipped with one line
// saying so; what it answered before failing is kept.
#include <cstdint>
#include <string>

#include "sonic/core/service_endpoints.hpp"
#include "sonic/net/http_client.hpp"
#include "sonic/store/database.hpp"
#include "sonic/taste/discover_evidence.hpp"

namespace sonic::pipeline {

struct DiscoverSettings {
  ServiceEndpoints endpoints{};
  std::string lastfm_api_key{};                 // empty: Last.fm is skipped
  bool offline = false;                         // true: only the cache and catalogs
  int similar_limit = 30;                       // items per getSimilar call and tracks per recommendation
  std::int64_t now_ms = 0;                      // the wall clock, for the cache's age
  net::Clock* clock = nullptr;                  // default: the system clock
  std::chrono::milliseconds min_interval{-1};   // test hook: the clients' pacing (default theirs)
  std::chrono::milliseconds total_timeout{-1};  // test hook: per request
};

// Only the services (Last.fm and ReccoBeats), for a caller that brings its own catalog rows.
taste::DiscoverAnswer ask_discover_services(store::Database& db, const DiscoverSettings& settings,
                                            const taste::DiscoverSeeds& seeds);

taste::DiscoverAnswer ask_discover_sources(store::Database& db, const DiscoverSettings& settings,
                                           const taste::DiscoverSeeds& seeds);

}  // namespace sonic::pipeline
