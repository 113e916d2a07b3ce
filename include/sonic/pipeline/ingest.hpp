#pragma once
// `sonic ingest`, the hourly cron job: the person's newest plays from Spotify's recently-played
// endpoint, then the enrichment of the tracks they brought. Each page of plays is one
// transaction (plays, sessions, the cursor and the audit row together), so a run killed at any
// point loses nothing committed and the next run neither skips nor repeats a play.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "sonic/features/sessions.hpp"
#include "sonic/pipeline/enrich.hpp"
#include "sonic/sources/spotify/spotify_connection.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

inline constexpr const char* kSpotifyApiService = "spotify_api";

struct IngestOptions {
  std::int64_t session_gap_ms = features::kDefaultSessionGapMs;
  bool enrich = true;              // ReccoBeats / Last.fm, most recently played tracks first
  std::size_t enrich_limit = 200;  // tracks per run (at least every track this run added)
  EnrichOptions enrichment;
  std::size_t metadata_batch_limit = 500;  // tracks whose Spotify metadata is filled per run
};

struct IngestResult {
  std::int64_t pages = 0;
  std::int64_t fetched = 0;  // plays Spotify returned
  std::int64_t new_plays = 0;
  std::int64_t duplicates = 0;       // already stored (from an earlier run or an export)
  std::int64_t tracks_enriched = 0;  // tracks whose metadata Spotify filled in
  std::int64_t tracks_unknown = 0;   // IDs Spotify does not know
  std::int64_t sessions = 0;
  EnrichResult enrichment;

  // {"fetched":N,"new_plays":N,"duplicates":N,"tracks_enriched":N,"features_found":N,...}
  nlohmann::json to_json() const;
  std::string to_text() const;
};

// Throws Error(rate_limited) at once while an earlier run's back-off is running, recording a
// new back-off when Spotify asks for a wait past the cap.
IngestResult ingest_recently_played(store::Database& db, sources::spotify::SpotifyConnection& spotify,
                                    const IngestOptions& options);

}  // namespace sonic::pipeline
