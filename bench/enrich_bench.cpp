// The enrichment benchmark: sonic's own share of an enrichment run on a large history, the
// network left out (a real run waits 250 ms between calls, which dwarfs everything measured
// here). Imports EXPORT_FOLDER into a scratch store, then times:
//  - choosing what is due over the whole history (sonic enrich),
//  - the same for the 50 most recently played tracks (what an hourly ingest asks about),
//  - writing features and their records in batches of 40, one transaction each,
//  - writing ten tags and a record per track, one transaction each.
// Prints one JSON line. No reference tool does this work, so there is no ratio.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <vector>

#include "bench_support.hpp"
#include "sonic/pipeline/import_history.hpp"
#include "sonic/store/enrichment_store.hpp"
#include "sonic/store/schema.hpp"

namespace {

using sonic::store::CandidateFilter;
using sonic::store::EnrichmentOutcome;
using sonic::store::EnrichmentStatus;

constexpr std::int64_t kNow = 1'777'636'800'000;

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: enrich_bench EXPORT_FOLDER\n");
    return 2;
  }
  const std::filesystem::path folder = argv[1];
  const auto scratch = std::filesystem::temp_directory_path() / "sonic-enrich-bench";
  std::filesystem::remove_all(scratch);
  std::filesystem::create_directories(scratch);
  auto db = sonic::store::open_store(scratch / "sonic.db");
  sonic::pipeline::import_history(db, {folder}, {});

  std::vector<sonic::store::EnrichmentCandidate> due;
  const double all_seconds = sonic::bench::median_seconds(5, [&] {
    due = sonic::store::enrichment_candidates(db, CandidateFilter{kNow, true, true, std::nullopt});
  });
  std::vector<std::int64_t> newest;
  for (std::size_t i = 0; i < due.size() && i < 50; ++i) newest.push_back(due[i].track_id);
  const double newest_seconds = sonic::bench::median_seconds(5, [&] {
    sonic::store::enrichment_candidates(db, CandidateFilter{kNow, true, true, newest});
  });

  sonic::store::EnrichmentWriter writer(db);
  sonic::sources::AudioFeatures features;
  using sonic::sources::AudioFeature;
  features[AudioFeature::energy] = 0.5;
  features[AudioFeature::valence] = 0.25;
  features[AudioFeature::key] = 4;
  features[AudioFeature::tempo] = 120;
  sonic::bench::Stopwatch features_watch;
  for (std::size_t begin = 0; begin < due.size(); begin += 40) {
    sonic::store::Transaction transaction(db);
    for (std::size_t i = begin; i < std::min(due.size(), begin + 40); ++i) {
      writer.store_reccobeats_features(due[i].track_id, features, kNow);
      writer.record_track(due[i].track_id, "reccobeats", EnrichmentOutcome{EnrichmentStatus::found, kNow, {}});
    }
    transaction.commit();
  }
  const double features_seconds = features_watch.seconds();

  std::vector<sonic::sources::TopTag> tags;
  for (int i = 0; i < 10; ++i) tags.push_back({"tag " + std::to_string(i), 100 - 10 * i});
  sonic::bench::Stopwatch tags_watch;
  for (const auto& track : due) {
    sonic::store::Transaction transaction(db);
    writer.record_track(track.track_id, "lastfm", EnrichmentOutcome{EnrichmentStatus::found, kNow, {}});
    writer.replace_track_tags(track.track_id, tags);
    transaction.commit();
  }
  const double tags_seconds = tags_watch.seconds();

  const auto tracks = static_cast<double>(due.size());
  sonic::bench::emit({{"task", "enrich_store"},
                      {"tool", "sonic"},
                      {"data", folder.string()},
                      {"plays", db.scalar("SELECT count(*) FROM plays")},
                      {"tracks", due.size()},
                      {"seconds", all_seconds},
                      {"candidates_all_seconds", all_seconds},
                      {"candidates_newest_50_seconds", newest_seconds},
                      {"features_tracks_per_second", tracks / features_seconds},
                      {"tags_tracks_per_second", tracks / tags_seconds}});
  std::filesystem::remove_all(scratch);
  return 0;
}
