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
#include "sonic/store/import_run_log.hpp"
#include "sonic/store/play_writer.hpp"
#include "sonic/store/recently_played_cursor.hpp"
#include "sonic/store/service_backoff.hpp"
#include "sonic/store/session_store.hpp"
#include "sonic/store/track_metadata_store.hpp"

namespace sonic::pipeline {
namespace {

using sources::spotify::SpotifyConnection;

// Spotify returns at most the last 50 plays; a handful of pages covers any gap.
constexpr int kMaxPages = 20;
constexpr const char* kMetadataService = "spotify_metadata";

// The run's row in import_runs, written inside each page's transaction.
void record_run(store::Database& db, std::int64_t& run_id, std::int64_t started_ms, const IngestResult& report) {
  if (run_id == 0) run_id = store::start_ingest_run(db, started_ms);
  store::record_ingest_totals(db, run_id, {report.pages, report.fetched, report.new_plays, report.duplicates});
}

// One page of plays, in one transaction; the Spotify IDs of its tracks join `track_ids`.
void store_page(store::Database& db, const sources::spotify::RecentlyPlayedPage& page, store::PlayWriter& writer,
                std::int64_t& run_id, std::int64_t started_ms, const IngestOptions& options, IngestResult& report,
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
  if (page.newest_played_ms) store::remember_newest_played_at(db, *page.newest_played_ms);
  record_run(db, run_id, started_ms, report);
  writer.set_import_run(run_id);
  transaction.commit();
}

// Spotify's own metadata (duration, album, credited artists with IDs) for tracks that came
// from an export without it, a bounded number per run.
void fill_track_metadata(store::Database& db, SpotifyConnection& spotify, const IngestOptions& options,
                         IngestResult& report) {
  const auto due = store::tracks_without_metadata(db, kMetadataService, now_utc_ms(),
                                                  static_cast<std::int64_t>(options.metadata_batch_limit));
  if (due.empty()) return;
  std::vector<std::string> spotify_ids;
  for (const auto& track : due) spotify_ids.push_back(track.spotify_id);
  const auto metadata = spotify.tracks(spotify_ids);
  store::Transaction transaction(db);
  store::TrackMetadataWriter writer(db, kMetadataService);
  const std::int64_t now = now_utc_ms();
  for (std::size_t i = 0; i < due.size(); ++i) {
    if (i < metadata.size() && metadata[i].has_value()) {
      writer.found(due[i].track_id, metadata[i]->duration_ms, metadata[i]->album_name, now);
      ++report.tracks_enriched;
    } else {
      writer.unknown(due[i].track_id, now, now + options.enrichment.unknown_retry_ms);
      ++report.tracks_unknown;
    }
  }
  transaction.commit();
}

}  // namespace

IngestResult ingest_recently_played(store::Database& db, SpotifyConnection& spotify, const IngestOptions& options) {
  throw_if_backed_off(db, kSpotifyApiService, now_utc_ms());
  ensure_session_gap(db, options.session_gap_ms);
  IngestResult report;
  const std::int64_t started_ms = now_utc_ms();
  std::int64_t run_id = 0;
  store::PlayWriter writer(db, 0);
  std::set<std::string> track_ids;
  try {
    std::optional<std::int64_t> after = store::newest_played_at(db);
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
  report.sessions = store::session_count(db);
  if (options.enrich) {
    // The most recently played tracks that something is due for: this run's new ones first,
    // then whatever an earlier, interrupted run left, then a slice of older history.
    EnrichOptions enrichment = options.enrichment;
    enrichment.limit = std::max<std::size_t>(options.enrich_limit, track_ids.size());
    report.enrichment = enrich_history(db, enrichment);
  }
  return report;
}

nlohmann::json IngestResult::to_json() const {
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

std::string IngestResult::to_text() const {
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
