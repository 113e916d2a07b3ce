#include "sonic/store/track_metadata_store.hpp"

#include <optional>
#include <utility>

namespace sonic::store {

std::vector<TrackWithoutMetadata> tracks_without_metadata(Database& db, const std::string& service, std::int64_t now_ms,
                                                          std::int64_t limit) {
  auto due = db.prepare(
      "SELECT t.id, t.spotify_id FROM tracks t WHERE t.spotify_id IS NOT NULL AND "
      "t.duration_ms IS NULL AND NOT EXISTS (SELECT 1 FROM track_enrichment e WHERE "
      "e.track_id = t.id AND e.service = ?1 AND (e.next_retry_ms IS NULL OR e.next_retry_ms > ?2)) "
      "ORDER BY t.id DESC LIMIT ?3");
  due.bind(1, service).bind(2, now_ms).bind(3, limit);
  std::vector<TrackWithoutMetadata> tracks;
  while (due.step()) tracks.push_back({due.integer(0), due.text(1)});
  return tracks;
}

TrackMetadataWriter::TrackMetadataWriter(Database& db, std::string service)
    : service_(std::move(service)),
      update_(db.prepare("UPDATE tracks SET duration_ms = ?2, album_name = coalesce(album_name, ?3) WHERE id = ?1")),
      record_(db.prepare("INSERT OR REPLACE INTO track_enrichment (track_id, service, status, attempted_ms, "
                         "next_retry_ms) VALUES (?1, ?2, ?3, ?4, ?5)")) {}

void TrackMetadataWriter::found(std::int64_t track_id, std::int64_t duration_ms, const std::string& album_name,
                                std::int64_t now_ms) {
  update_.bind(1, track_id).bind(2, duration_ms).bind(3, album_name).run();
  record(track_id, true, now_ms, std::nullopt);
}

void TrackMetadataWriter::unknown(std::int64_t track_id, std::int64_t now_ms, std::int64_t retry_at_ms) {
  record(track_id, false, now_ms, retry_at_ms);
}

void TrackMetadataWriter::record(std::int64_t track_id, bool known, std::int64_t now_ms,
                                 std::optional<std::int64_t> retry_at_ms) {
  record_.bind(1, track_id)
      .bind(2, service_)
      .bind(3, known ? "found" : "unknown")
      .bind(4, now_ms)
      .bind(5, retry_at_ms)
      .run();
}

}  // namespace sonic::store
