#include "sonic/pipeline/ingest.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "sonic/core/utc_time.hpp"
#include "sonic/net/http_errors.hpp"
#include "sonic/pipeline/refresh_sessions.hpp"
#include "sonic/sources/byte_source.hpp"
#include "sonic/sources/export_file_reader.hpp"
#include "sonic/store/play_writer.hpp"
#include "sonic/store/service_backoff.hpp"

namespace sonic::pipeline {
namespace {

using sources::spotify::SpotifySession;

// Spotify returns at most the last 50 plays; a handful of pages covers any gap.
constexpr int kMaxPages = 20;
constexpr const char* kCursorKey = "spotify_recently_played_after_ms";
constexpr const char* kMetadataService = "spotify_metadata";

// `after=` compares Spotify's played_at: an API play's start as the store keeps it. The cursor
// in meta survives an API play being replaced by its extended-export twin.
std::optional<std::int64_t> newest_played_at(store::Database& db) {
  auto query = db.prepare(
      "SELECT max(coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?1), 0), "
      "coalesce((SELECT max(start_ms) FROM plays WHERE source = 'api'), 0))");
  query.bind(1, kCursorKey);
  query.step();
  const std::int64_t newest = query.integer(0);
  return newest > 0 ? std::optional<std::int64_t>(newest) : std::nullopt;
}

// The run's row in import_runs, written inside each page's transaction.
void record_run(store::Database& db, std::int64_t& run_id, std::int64_t started_ms, const IngestReport& report) {
  if (run_id == 0) {
    db.prepare("INSERT INTO import_runs (kind, started_ms, status) VALUES ('ingest', ?1, 'ok')")
        .bind(1, started_ms)
        .run();
    run_id = db.last_insert_id();
  }
  db.prepare(
        "UPDATE import_runs SET finished_ms = ?2, files = ?3, rows_read = ?4, imported = ?5, "
        "duplicates = ?6 WHERE id = ?1")
      .bind(1, run_id)
      .bind(2, now_utc_ms())
      .bind(3, report.pages)
      .bind(4, report.fetched)
      .bind(5, report.new_plays)
      .bind(6, report.duplicates)
      .run();
}

// One page of plays, in one transaction; the Spotify IDs of its tracks join `track_ids`.
void store_page(store::Database& db, const sources::spotify::RecentlyPlayedPage& page, store::PlayWriter& writer,
                std::int64_t& run_id, std::int64_t started_ms, const IngestOptions& options, IngestReport& report,
                std::set<std::string>& track_ids) {
  store::Transaction transaction(db);
  const auto body = sources::string_source(page.body);
  sources::ExportFileReader reader(*body, "Spotify recently-played reply");
  sources::PlayRecord record;
  std::string skip_reason;
  while (reader.next(record, skip_reason)) {
    ++report.fetched;
    if (!skip_reason.empty()) continue;
    if (!record.track_id.empty()) track_ids.insert(record.track_id);
    writer.write(record);
  }
  const store::WriteCounts counts = writer.take_counts();
  report.new_plays += counts.imported;
  report.duplicates += counts.duplicates;
  ++report.pages;
  refresh_sessions(db, writer.take_touched_range(), options.session_gap_ms);
  if (page.newest_played_ms) {
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")
        .bind(1, kCursorKey)
        .bind(2, std::to_string(*page.newest_played_ms))
        .run();
  }
  record_run(db, run_id, started_ms, report);
  writer.set_import_run(run_id);
  transaction.commit();
}

// Spotify's own metadata (duration, album, credited artists with IDs) for tracks that came
// from an export without it, a bounded number per run.
void fill_track_metadata(store::Database& db, SpotifySession& spotify, const IngestOptions& options,
                         IngestReport& report) {
  std::vector<std::int64_t> ids;
  std::vector<std::string> spotify_ids;
  auto due = db.prepare(
      "SELECT t.id, t.spotify_id FROM tracks t WHERE t.spotify_id IS NOT NULL AND "
      "t.duration_ms IS NULL AND NOT EXISTS (SELECT 1 FROM track_enrichment e WHERE "
      "e.track_id = t.id AND e.service = ?1 AND (e.next_retry_ms IS NULL OR e.next_retry_ms > ?2)) "
      "ORDER BY t.id DESC LIMIT ?3");
  due.bind(1, kMetadataService).bind(2, now_utc_ms()).bind(3, static_cast<std::int64_t>(options.metadata_batch_limit));
  while (due.step()) {
    ids.push_back(due.integer(0));
    spotify_ids.push_back(due.text(1));
  }
  if (ids.empty()) return;
  const auto metadata = spotify.tracks(spotify_ids);
  store::Transaction transaction(db);
  auto update = db.prepare("UPDATE tracks SET duration_ms = ?2, album_name = coalesce(album_name, ?3) WHERE id = ?1");
  auto record = db.prepare(
      "INSERT OR REPLACE INTO track_enrichment (track_id, service, status, attempted_ms, "
      "next_retry_ms) VALUES (?1, ?2, ?3, ?4, ?5)");
  const std::int64_t now = now_utc_ms();
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const bool known = i < metadata.size() && metadata[i].has_value();
    if (known) {
      update.bind(1, ids[i]).bind(2, metadata[i]->duration_ms).bind(3, metadata[i]->album_name).run();
      ++report.tracks_enriched;
    } else {
      ++report.tracks_unknown;
    }
    record.bind(1, ids[i])
        .bind(2, kMetadataService)
        .bind(3, known ? "found" : "unknown")
        .bind(4, now)
        .bind(5, known ? std::nullopt : std::optional<std::int64_t>(now + options.enrichment.unknown_retry_ms))
        .run();
  }
  transaction.commit();
}

}  // namespace

IngestReport ingest_recently_played(store::Database& db, SpotifySession& spotify, const IngestOptions& options) {
  throw_if_backed_off(db, kSpotifyApiService, now_utc_ms());
  ensure_session_gap(db, options.session_gap_ms);
  IngestReport report;
  const std::int64_t started_ms = now_utc_ms();
  std::int64_t run_id = 0;
  store::PlayWriter writer(db, 0);
  std::set<std::string> track_ids;
  try {
    std::optional<std::int64_t> after = newest_played_at(db);
    for (int page_number = 0; page_number < kMaxPages; ++page_number) {
      const auto page = spotify.recently_played(after);
      store_page(db, page, writer, run_id, started_ms, options, report, track_ids);
      if (page.play_count == 0 || !page.has_next || !page.newest_played_ms) break;
      after = page.newest_played_ms;
    }
    fill_track_metadata(db, spotify, options, report);
  } catch (const net::RateLimitedError& limited) {
    store::record_backoff(db, {kSpotifyApiService, limited.retry_at_ms(), limited.what()});
    throw;
  }
  report.sessions = db.scalar("SELECT count(*) FROM sessions");
  if (options.enrich) {
    // The most recently played tracks that something is due for: this run's new ones first,
    // then whatever an earlier, interrupted run left, then a slice of older history.
    EnrichOptions enrichment = options.enrichment;
    enrichment.limit = std::max<std::size_t>(options.enrich_limit, track_ids.size());
    report.enrichment = enrich_history(db, enrichment);
  }
  return report;
}

nlohmann::json IngestReport::to_json() const {
  nlohmann::json json = enrichment.to_json();
  json["pages"] = pages;
  json["fetched"] = fetched;
  json["new_plays"] = new_plays;
  json["duplicates"] = duplicates;
  json["tracks_enriched"] = tracks_enriched;
  json["tracks_unknown"] = tracks_unknown;
  json["sessions"] = sessions;
  return json;
}

std::string IngestReport::to_text() const {
  std::ostringstream text;
  text << "recently played: " << fetched << " plays fetched in " << pages << " page(s), " << new_plays << " new, "
       << duplicates << " already stored\n";
  if (tracks_enriched || tracks_unknown) {
    text << "  Spotify metadata: " << tracks_enriched << " tracks filled in, " << tracks_unknown
         << " unknown to Spotify\n";
  }
  text << enrichment.to_text();
  return text.str();
}

}  // namespace sonic::pipeline
