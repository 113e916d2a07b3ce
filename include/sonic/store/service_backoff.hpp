#pragma once
// When a rate-limited service may be called again. A service that asks us to wait longer than
// we sleep through is recorded here, so that the next cron runs before that time leave it alone
// (and `sonic ingest` can exit 5 at once) instead of hammering it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sonic/store/database.hpp"

namespace sonic::store {

struct ServiceBackoff {
  std::string service;  // reccobeats | lastfm | spotify_api | …
  std::int64_t retry_at_ms = 0;
  std::string reason;  // the error that caused it, secrets already masked
};

// The recorded back-off of `service`, if one is still running at `now_ms`.
std::optional<ServiceBackoff> active_backoff(Database& db, std::string_view service, std::int64_t now_ms);

// Replaces the service's earlier back-off, if any. Commits on its own unless called inside a
// transaction.
void record_backoff(Database& db, const ServiceBackoff& backoff);

void clear_backoff(Database& db, std::string_view service);

}  // namespace sonic::store
