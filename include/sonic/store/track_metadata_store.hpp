#pragma once
// Tracks that came from an export without Spotify's own metadata (duration, album), and what a
// service answered about them, recorded in track_enrichment like every other answer.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sonic/store/database.hpp"

namespace sonic::store {

struct TrackWithoutMetadata {
  std::int64_t track_id = 0;
  std::string spotify_id;
};

// Tracks with a Spotify ID and no duration that `service` is not waiting to be asked about again
// at `now_ms`, newest first, at most `limit`.
std::vector<TrackWithoutMetadata> tracks_without_metadata(Database& db, const std::string& service, std::int64_t now_ms,
                                                          std::int64_t limit);

// Records answers; call inside a transaction.
class TrackMetadataWriter {
 public:
  TrackMetadataWriter(Database& db, std::string service);
  // The track's duration, and its album where it has none yet.
  void found(std::int64_t track_id, std::int64_t duration_ms, const std::string& album_name, std::int64_t now_ms);
  // The service does not know the track: ask again at `retry_at_ms`.
  void unknown(std::int64_t track_id, std::int64_t now_ms, std::int64_t retry_at_ms);

 private:
  void record(std::int64_t track_id, bool known, std::int64_t now_ms, std::optional<std::int64_t> retry_at_ms);

  std::string service_;
  Statement update_;
  Statement record_;
};

}  // namespace sonic::store
