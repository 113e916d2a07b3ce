#pragma once
// What an enrichment run did: tracks considered, what each service answered, and which services
// it stopped asking, and why. `sonic enrich --json` prints it as one object.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sonic/core/error.hpp"

namespace sonic::pipeline {

// Why a run stopped asking a service (or never started): the reason word, a message for a
// person (secrets masked), and the exit status it calls for (ok for a mere note, such as a
// missing LASTFM_API_KEY).
struct ServiceStop {
  std::string reason;  // rate_limited | network | api_key | failing | no_api_key
  std::string message;
  ExitCode exit = ExitCode::ok;
  std::optional<std::int64_t> retry_at_ms;  // rate_limited: when the service may be asked again
};

struct EnrichResult {
  std::int64_t tracks_considered = 0;
  std::int64_t features_found = 0;
  std::int64_t features_unknown = 0;
  std::int64_t features_failed = 0;            // ReccoBeats refused the batch; asked again sooner
  std::int64_t track_tags = 0;                 // tags stored for tracks
  std::int64_t artist_tags = 0;                // tags stored for artists
  std::map<std::string, ServiceStop> stopped;  // by service: reccobeats, lastfm

  // What the run's exit status should be: a stop that needs a person (a rejected key, a service
  // that keeps refusing) first, then an unreachable service (6), then a rate limit (5); else 0.
  ExitCode exit_code() const;
  // Throws the sonic::Error of the stop that decides exit_code(); returns when that is ok.
  void throw_if_failed() const;

  // {"tracks_considered":N,"features_found":N,"features_unknown":N,"features_failed":N,
  //  "track_tags":N,"artist_tags":N,"stopped":{"lastfm":{"reason":…,"message":…},…}}
  nlohmann::json to_json() const;
  std::string to_text() const;  // the human tally, for stderr
};

}  // namespace sonic::pipeline
