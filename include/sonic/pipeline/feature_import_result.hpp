#pragma once
// The fate of every row an audio-feature import read, and the coverage it leaves behind.
// Every row lands in exactly one count:
//   rows = stored + duplicates + kept_service_values + not_in_history + skipped (by reason)
// and matched = stored + duplicates + kept_service_values (the rows whose track is in the store).
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sonic/pipeline/import_tally.hpp"
#include "sonic/store/audio_feature_store.hpp"

namespace sonic::pipeline {

struct FeatureTally {
  std::int64_t files = 0;
  std::int64_t rows = 0;
  std::int64_t matched = 0;
  std::int64_t stored = 0;
  std::int64_t duplicates = 0;  // a track again in the same file: the later row's values won
  std::int64_t kept_service_values = 0;
  std::int64_t not_in_history = 0;
  std::int64_t matched_by_name = 0;             // rows not in the history by ID, stored for tracks of that name
  std::map<std::string, std::int64_t> skipped;  // bad rows, by reason

  void count(store::FeatureWriteOutcome outcome);
  void add(const FeatureTally& other);
  std::int64_t skipped_total() const;
};

struct FeatureImportResult {
  FeatureTally tally;
  store::FeatureCoverage coverage;  // afterwards
  // History tracks given the mean features of the catalogs' tracks by their artist (no ID or
  // name match; store/catalog_artist_features.hpp).
  std::int64_t tracks_from_catalog_artists = 0;
  std::vector<FileFailure> failures;  // files refused (only with keep_going; else it throws)

  // {"files":N,"rows":N,"matched":N,"stored":N,"duplicates":N,"kept_service_values":N,
  //  "not_in_history":N,"matched_by_name":N,"tracks_from_catalog_artists":N,"skipped":{"reason":N},"coverage":{...},"failed":[...]}
  nlohmann::json to_json() const;
  // The human tally for stderr.
  std::string to_text() const;
  void throw_if_failed() const { throw_if_files_failed(failures); }
};

}  // namespace sonic::pipeline
