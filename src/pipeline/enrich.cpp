#include "sonic/pipeline/enrich.hpp"

#include "sonic/pipeline/cluster_moods.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <unordered_set>
#include <vector>

#include "service_gate.hpp"
#include "sonic/store/enrichment_store.hpp"
#include "sonic/store/service_backoff.hpp"

namespace sonic::pipeline {
namespace {

using store::EnrichmentCandidate;
using store::EnrichmentOutcome;
using store::EnrichmentStatus;

// Asks each primary artist once (on its most recent track), drops tracks left with nothing to
// do, and keeps at most `limit`.
std::vector<EnrichmentCandidate> plan(std::vector<EnrichmentCandidate> candidates, std::optional<std::size_t> limit) {
  std::vector<EnrichmentCandidate> planned;
  std::unordered_set<std::int64_t> artists;
  for (auto& candidate : candidates) {
    if (limit && planned.size() >= *limit) break;
    if (candidate.needs_artist_tags && !artists.insert(candidate.artist_id).second) {
      candidate.needs_artist_tags = false;
    }
    if (candidate.needs_features || candidate.needs_track_tags || candidate.needs_artist_tags) {
      planned.push_back(std::move(candidate));
    }
  }
  return planned;
}

// The candidates from `begin` up to the one that makes a full ReccoBeats batch.
std::size_t batch_end(const std::vector<EnrichmentCandidate>& candidates, std::size_t begin) {
  std::size_t wanting_features = 0;
  std::size_t end = begin;
  while (end < candidates.size()) {
    wanting_features += candidates[end].needs_features ? 1 : 0;
    ++end;
    if (wanting_features == sources::kReccoBeatsMaxIds) break;
  }
  // Tracks wanting only tags would otherwise make one huge batch; cap it for progress and memory.
  return std::min(end, begin + 4 * sources::kReccoBeatsMaxIds);
}

class EnrichRun {
 public:
  EnrichRun(store::Database& db, const EnrichOptions& options)
      : db_(db),
        options_(options),
        clock_(options.clock ? *options.clock : net::system_clock()),
        start_ms_(clock_.now_utc_ms()),
        features_(store::kReccoBeatsService, "ReccoBeats", options.features, db, report_, start_ms_),
        tags_(store::kLastfmService, "Last.fm", options.tags && !options.lastfm_api_key.empty(), db, report_,
              start_ms_),
        writer_(db) {
    if (options.tags && options.lastfm_api_key.empty()) {
      report_.stopped[store::kLastfmService] = {
          "no_api_key", "LASTFM_API_KEY is not set, so no Last.fm tags were fetched", ExitCode::ok, std::nullopt};
    }
    if (features_.open()) {
      reccobeats_.emplace(options.endpoints.reccobeats, sources::reccobeats_http_settings(options.reccobeats_interval),
                          clock_);
    }
    if (tags_.open()) {
      lastfm_.emplace(options.endpoints.lastfm, options.lastfm_api_key,
                      sources::lastfm_http_settings(options.lastfm_interval), clock_);
    }
  }

  EnrichResult run(std::optional<std::vector<std::int64_t>> only_tracks) {
    if (!features_.open() && !tags_.open()) return report_;
    const auto candidates =
        plan(store::enrichment_candidates(db_, {start_ms_, features_.open(), tags_.open(), std::move(only_tracks)}),
             options_.limit);
    spdlog::debug("enrichment: {} tracks to go through", candidates.size());
    for (std::size_t begin = 0; begin < candidates.size() && keep_going();) {
      const std::size_t end = batch_end(candidates, begin);
      const std::span batch(candidates.data() + begin, end - begin);
      report_.tracks_considered += static_cast<std::int64_t>(batch.size());
      if (features_.open()) enrich_features(batch);
      for (std::size_t i = 0; i < batch.size() && keep_going(); ++i) {
        if (tags_.open()) enrich_tags(batch[i]);
        if (options_.on_progress) options_.on_progress({begin + i + 1, candidates.size()});
      }
      begin = end;
    }
    return report_;
  }

 private:
  bool keep_going() const { return !features_.stops_run() && !tags_.stops_run() && (features_.open() || tags_.open()); }

  EnrichmentOutcome outcome(EnrichmentStatus status) const {
    const std::int64_t now = clock_.now_utc_ms();
    switch (status) {
      case EnrichmentStatus::found:
        return {status, now, std::nullopt};
      case EnrichmentStatus::unknown:
        return {status, now, now + options_.unknown_retry_ms};
      case EnrichmentStatus::failed:
        break;
    }
    return {status, now, now + options_.failed_retry_ms};
  }

  void enrich_features(std::span<const EnrichmentCandidate> batch) {
    std::vector<std::string> ids;
    for (const auto& track : batch) {
      if (track.needs_features) ids.push_back(track.spotify_id);
    }
    if (ids.empty()) return;
    std::map<std::string, sources::AudioFeatures> found;
    bool refused = false;
    try {
      found = reccobeats_->audio_features(ids);
      features_.succeeded();
    } catch (const Error& error) {
      if (!features_.judge(error)) return;  // nothing learnt: the batch stays due
      refused = true;
    }
    std::int64_t found_count = 0, unknown_count = 0, failed_count = 0;
    store::Transaction transaction(db_);
    for (const auto& track : batch) {
      if (!track.needs_features) continue;
      const auto features = found.find(track.spotify_id);
      EnrichmentStatus status = EnrichmentStatus::found;
      if (refused) {
        status = EnrichmentStatus::failed;
        ++failed_count;
      } else if (features == found.end()) {
        status = EnrichmentStatus::unknown;
        ++unknown_count;
      } else {
        writer_.store_reccobeats_features(track.track_id, features->second, clock_.now_utc_ms());
        ++found_count;
      }
      writer_.record_track(track.track_id, store::kReccoBeatsService, outcome(status));
    }
    transaction.commit();
    report_.features_found += found_count;
    report_.features_unknown += unknown_count;
    report_.features_failed += failed_count;
  }

  // One Last.fm question; nullopt when the gate closed on it (nothing to record).
  struct TagAnswer {
    EnrichmentOutcome outcome;
    std::vector<sources::TopTag> tags;
  };
  template <typename Question>
  std::optional<TagAnswer> ask_lastfm(Question question) {
    try {
      sources::TopTags tags = question();
      tags_.succeeded();
      if (!tags) return TagAnswer{outcome(EnrichmentStatus::unknown), {}};
      if (tags->size() > options_.max_tags) tags->resize(options_.max_tags);
      return TagAnswer{outcome(EnrichmentStatus::found), std::move(*tags)};
    } catch (const Error& error) {
      if (!tags_.judge(error)) return std::nullopt;
      return TagAnswer{outcome(EnrichmentStatus::failed), {}};
    }
  }

  void enrich_tags(const EnrichmentCandidate& track) {
    if (track.needs_track_tags) {
      tag([&] { return lastfm_->track_top_tags(track.artist_name, track.title); },
          [&](const TagAnswer& answer) {
            writer_.record_track(track.track_id, store::kLastfmService, answer.outcome);
            writer_.replace_track_tags(track.track_id, answer.tags);
          },
          report_.track_tags);
    }
    if (track.needs_artist_tags && tags_.open()) {
      tag([&] { return lastfm_->artist_top_tags(track.artist_name); },
          [&](const TagAnswer& answer) {
            writer_.record_artist(track.artist_id, store::kLastfmService, answer.outcome);
            writer_.replace_artist_tags(track.artist_id, answer.tags);
          },
          report_.artist_tags);
    }
  }

  // Asks, then records the answer in its own transaction and counts the tags it brought.
  template <typename Question, typename Record>
  void tag(Question question, Record record, std::int64_t& tags_stored) {
    const auto answer = ask_lastfm(question);
    if (!answer) return;
    store::Transaction transaction(db_);
    record(*answer);
    transaction.commit();
    tags_stored += static_cast<std::int64_t>(answer->tags.size());
  }

  store::Database& db_;
  const EnrichOptions& options_;
  net::Clock& clock_;
  std::int64_t start_ms_;
  EnrichResult report_;
  ServiceGate features_;
  ServiceGate tags_;
  store::EnrichmentWriter writer_;
  std::optional<sources::ReccoBeatsClient> reccobeats_;
  std::optional<sources::LastfmClient> lastfm_;
};

}  // namespace

EnrichResult enrich_history(store::Database& db, const EnrichOptions& options) {
  auto report = EnrichRun(db, options).run(std::nullopt);
  assign_new_tracks_to_clusters(db);  // tracks that gained features join their mood cluster
  return report;
}

EnrichResult enrich_tracks(store::Database& db, std::span<const std::int64_t> track_ids, const EnrichOptions& options) {
  if (track_ids.empty()) return {};
  auto report = EnrichRun(db, options).run(std::vector<std::int64_t>(track_ids.begin(), track_ids.end()));
  assign_new_tracks_to_clusters(db);
  return report;
}

void throw_if_backed_off(store::Database& db, std::string_view service, std::int64_t now_ms) {
  if (const auto backoff = store::active_backoff(db, service, now_ms)) {
    throw Error(ExitCode::rate_limited,
                backed_off_message(service, backoff->retry_at_ms, backoff->reason) + "; try again after that");
  }
}

}  // namespace sonic::pipeline
