#pragma once
// Enrichment: audio features from ReccoBeats and top tags from Last.fm for the tracks in the
// store, as `sonic enrich` (the whole history) and `sonic ingest` (the tracks it just added) run it.
//
// Tracks are taken most recently played first, so a bounded run helps most. Features are asked
// in batches of 40 tracks, tags one track or artist at a time, and each answer is committed in
// its own transaction together with its record in track_enrichment / artist_enrichment: a run
// killed at any point continues where it stopped, and nothing recorded is asked again before its
// retry time (never for "found", `unknown_retry_ms` for "unknown", `failed_retry_ms` for a
// request the service refused). Features from a catalog file are kept; ReccoBeats' measured
// features replace only imputed ones.
//
// Faults: a service that is rate-limited past the HTTP layer's wait cap is recorded in
// service_backoff and left alone for this run and every run before its retry time; an
// unreachable service stops the run (what was done stays committed); a rejected Last.fm key
// stops Last.fm. The report says which and why; EnrichResult::exit_code() turns that into the
// documented exit status.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sonic/core/service_endpoints.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/net/clock.hpp"
#include "sonic/pipeline/enrich_result.hpp"
#include "sonic/sources/lastfm_client.hpp"
#include "sonic/sources/reccobeats_client.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

struct EnrichProgress {
  std::size_t done = 0;   // tracks gone through
  std::size_t total = 0;  // tracks this run will go through
};

struct EnrichOptions {
  bool features = true;              // ask ReccoBeats
  bool tags = true;                  // ask Last.fm (only with an API key)
  std::optional<std::size_t> limit;  // at most this many tracks
  ServiceEndpoints endpoints;
  std::string lastfm_api_key;  // empty: tags are skipped, with a note in the report
  std::chrono::milliseconds reccobeats_interval = sources::kReccoBeatsDefaultInterval;
  std::chrono::milliseconds lastfm_interval = sources::kLastfmDefaultInterval;
  std::int64_t unknown_retry_ms = 30 * kMsPerDay;          // a service did not know the item
  std::int64_t failed_retry_ms = kMsPerDay;                // a service refused the request
  std::size_t max_tags = 10;                               // top tags kept per track or artist
  net::Clock* clock = nullptr;                             // null: the system clock (tests pass a fake)
  std::function<void(const EnrichProgress&)> on_progress;  // after each track
};

// Every track with listens and a Spotify ID that something is due for.
EnrichResult enrich_history(store::Database& db, const EnrichOptions& options);

// Only these tracks (those an ingest just added), under the same rules.
EnrichResult enrich_tracks(store::Database& db, std::span<const std::int64_t> track_ids, const EnrichOptions& options);

// Throws sonic::Error with exit 5, naming the service and when it may be asked again, if a
// recorded back-off of `service` (store::kReccoBeatsService, "spotify_api", …) is still running.
void throw_if_backed_off(store::Database& db, std::string_view service, std::int64_t now_ms);

}  // namespace sonic::pipeline
