#include "sonic/store/enrichment_store.hpp"

#include "sonic/store/audio_feature_store.hpp"

namespace sonic::store {
namespace {

// ?1 now, ?2 consider ReccoBeats, ?3 consider Last.fm, ?4 JSON list of track ids or NULL.
// A service is due for an item with no recorded answer, or one whose retry time has passed.
constexpr const char* kCandidatesSql = R"sql(
WITH last_listen AS (
  SELECT track_id, max(end_ms) AS last_ms FROM plays
  WHERE track_id IS NOT NULL AND (?4 IS NULL OR track_id IN (SELECT value FROM json_each(?4)))
  GROUP BY track_id
),
due AS (
  SELECT t.id AS track_id, t.spotify_id, t.name AS title, a.id AS artist_id, a.name AS artist_name,
    l.last_ms,
    ?2 AND NOT EXISTS (SELECT 1 FROM audio_features f
                       WHERE f.track_id = t.id AND f.source NOT LIKE 'imputed:%'
                         AND f.source != 'catalog_artist' AND f.source NOT LIKE 'catalog\_name:%' ESCAPE '\')
       AND NOT EXISTS (SELECT 1 FROM track_enrichment e
                       WHERE e.track_id = t.id AND e.service = 'reccobeats'
                         AND (e.next_retry_ms IS NULL OR e.next_retry_ms > ?1)) AS needs_features,
    ?3 AND NOT EXISTS (SELECT 1 FROM track_enrichment e
                       WHERE e.track_id = t.id AND e.service = 'lastfm'
                         AND (e.next_retry_ms IS NULL OR e.next_retry_ms > ?1)) AS needs_track_tags,
    ?3 AND NOT EXISTS (SELECT 1 FROM artist_enrichment e
                       WHERE e.artist_id = a.id AND e.service = 'lastfm'
                         AND (e.next_retry_ms IS NULL OR e.next_retry_ms > ?1)) AS needs_artist_tags
  FROM last_listen l
  JOIN tracks t ON t.id = l.track_id
  JOIN artists a ON a.id = t.artist_id
  WHERE t.spotify_id IS NOT NULL
)
SELECT track_id, spotify_id, title, artist_id, artist_name,
       needs_features, needs_track_tags, needs_artist_tags
FROM due
WHERE needs_features OR needs_track_tags OR needs_artist_tags
ORDER BY last_ms DESC, track_id
)sql";

std::string json_id_list(const std::vector<std::int64_t>& ids) {
  std::string list = "[";
  for (const std::int64_t id : ids) {
    if (list.size() > 1) list += ',';
    list += std::to_string(id);
  }
  list += ']';
  return list;
}

const char* status_name(EnrichmentStatus status) {
  switch (status) {
    case EnrichmentStatus::found:
      return "found";
    case EnrichmentStatus::unknown:
      return "unknown";
    case EnrichmentStatus::failed:
      return "failed";
  }
  return "failed";
}

void record(Statement& statement, std::int64_t id, std::string_view service, const EnrichmentOutcome& outcome) {
  statement.bind(1, id)
      .bind(2, service)
      .bind(3, status_name(outcome.status))
      .bind(4, outcome.attempted_ms)
      .bind(5, outcome.next_retry_ms)
      .run();
}

void replace_tags(Statement& remove, Statement& insert, std::int64_t id, std::span<const sources::TopTag> tags) {
  remove.bind(1, id).run();
  for (const auto& tag : tags) insert.bind(1, id).bind(2, tag.name).bind(3, tag.count).run();
}

}  // namespace

std::vector<EnrichmentCandidate> enrichment_candidates(Database& db, const CandidateFilter& filter) {
  auto query = db.prepare(kCandidatesSql);
  query.bind(1, filter.now_ms).bind(2, filter.features ? 1 : 0).bind(3, filter.tags ? 1 : 0);
  if (filter.only_tracks) {
    query.bind(4, json_id_list(*filter.only_tracks));
  } else {
    query.bind_null(4);
  }
  std::vector<EnrichmentCandidate> candidates;
  while (query.step()) {
    candidates.push_back({query.integer(0), query.text(1), query.text(2), query.integer(3), query.text(4),
                          query.integer(5) != 0, query.integer(6) != 0, query.integer(7) != 0});
  }
  return candidates;
}

EnrichmentWriter::EnrichmentWriter(Database& db)
    : db_(db),
      record_track_(db.prepare("INSERT OR REPLACE INTO track_enrichment "
                               "(track_id, service, status, attempted_ms, next_retry_ms) VALUES (?1, ?2, ?3, ?4, ?5)")),
      record_artist_(
          db.prepare("INSERT OR REPLACE INTO artist_enrichment "
                     "(artist_id, service, status, attempted_ms, next_retry_ms) VALUES (?1, ?2, ?3, ?4, ?5)")),
      store_features_(db.prepare(
          upsert_features_sql("audio_features.source = 'reccobeats' OR audio_features.source LIKE 'imputed:%' OR "
                              "audio_features.source = 'catalog_artist' OR "
                              "audio_features.source LIKE 'catalog\\_name:%' ESCAPE '\\'"))),
      delete_track_tags_(db.prepare("DELETE FROM track_tags WHERE track_id = ?1")),
      insert_track_tag_(db.prepare("INSERT INTO track_tags (track_id, tag, count) VALUES (?1, ?2, ?3)")),
      delete_artist_tags_(db.prepare("DELETE FROM artist_tags WHERE artist_id = ?1")),
      insert_artist_tag_(db.prepare("INSERT INTO artist_tags (artist_id, tag, count) VALUES (?1, ?2, ?3)")) {}

void EnrichmentWriter::record_track(std::int64_t track_id, std::string_view service, const EnrichmentOutcome& outcome) {
  record(record_track_, track_id, service, outcome);
}

void EnrichmentWriter::record_artist(std::int64_t artist_id, std::string_view service,
                                     const EnrichmentOutcome& outcome) {
  record(record_artist_, artist_id, service, outcome);
}

bool EnrichmentWriter::store_reccobeats_features(std::int64_t track_id, const sources::AudioFeatures& features,
                                                 std::int64_t now_ms) {
  store_features_.bind(1, track_id).bind(2, kReccobeatsSource).bind(3, now_ms);
  bind_features(store_features_, features);
  store_features_.run();
  return db_.changes() > 0;
}

void EnrichmentWriter::replace_track_tags(std::int64_t track_id, std::span<const sources::TopTag> tags) {
  replace_tags(delete_track_tags_, insert_track_tag_, track_id, tags);
}

void EnrichmentWriter::replace_artist_tags(std::int64_t artist_id, std::span<const sources::TopTag> tags) {
  replace_tags(delete_artist_tags_, insert_artist_tag_, artist_id, tags);
}

}  // namespace sonic::store
