#pragma once
// What enrichment reads from and writes to the store: which tracks are due for which service,
// and each service's answers (features, tags, and whether it knew the item at all). Every
// answer is recorded in track_enrichment / artist_enrichment, so nothing is asked twice before
// its retry time, whichever run asks.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sonic/sources/audio_features.hpp"
#include "sonic/sources/top_tag.hpp"
#include "sonic/store/database.hpp"

namespace sonic::store {

inline constexpr const char* kReccoBeatsService = "reccobeats";
inline constexpr const char* kLastfmService = "lastfm";

// A track with listens and a Spotify ID, and what is due for it. "Due": the service has no
// answer recorded for it, or its retry time has passed.
struct EnrichmentCandidate {
  std::int64_t track_id = 0;
  std::string spotify_id;
  std::string title;
  std::int64_t artist_id = 0;  // the primary artist
  std::string artist_name;
  bool needs_features = false;     // no features (or only imputed ones) and ReccoBeats is due
  bool needs_track_tags = false;   // Last.fm is due for the track
  bool needs_artist_tags = false;  // Last.fm is due for its primary artist
};

struct CandidateFilter {
  std::int64_t now_ms = 0;
  bool features = true;                                  // consider ReccoBeats
  bool tags = true;                                      // consider Last.fm
  std::optional<std::vector<std::int64_t>> only_tracks;  // nullopt: the whole history
};

// Tracks with at least one thing due, most recently played first (ties by track id), so a
// bounded run helps the listening that matters now.
std::vector<EnrichmentCandidate> enrichment_candidates(Database& db, const CandidateFilter& filter);

enum class EnrichmentStatus { found, unknown, failed };

struct EnrichmentOutcome {
  EnrichmentStatus status = EnrichmentStatus::found;
  std::int64_t attempted_ms = 0;
  std::optional<std::int64_t> next_retry_ms;  // not asked again before; none for found
};

// Writes services' answers with statements prepared once. Call inside a transaction.
class EnrichmentWriter {
 public:
  explicit EnrichmentWriter(Database& db);

  void record_track(std::int64_t track_id, std::string_view service, const EnrichmentOutcome& outcome);
  void record_artist(std::int64_t artist_id, std::string_view service, const EnrichmentOutcome& outcome);

  // Measured features replace none or imputed ones ("imputed:…"), never features a person
  // supplied (a catalog file, "catalog:…") nor the demo's. Returns whether they were stored.
  bool store_reccobeats_features(std::int64_t track_id, const sources::AudioFeatures& features, std::int64_t now_ms);

  // Replaces the item's tags with these.
  void replace_track_tags(std::int64_t track_id, std::span<const sources::TopTag> tags);
  void replace_artist_tags(std::int64_t artist_id, std::span<const sources::TopTag> tags);

 private:
  Database& db_;
  Statement record_track_;
  Statement record_artist_;
  Statement store_features_;
  Statement delete_track_tags_;
  Statement insert_track_tag_;
  Statement delete_artist_tags_;
  Statement insert_artist_tag_;
};

}  // namespace sonic::store
