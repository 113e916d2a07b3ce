#include "sonic/pipeline/import_features.hpp"

#include "sonic/pipeline/cluster_moods.hpp"

#include <spdlog/spdlog.h>

#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/sources/feature_catalog.hpp"
#include "sonic/store/audio_feature_store.hpp"
#include "sonic/store/catalog_artist_features.hpp"
#include "pipeline/skipped_rows.hpp"

namespace sonic::pipeline {
namespace {

// Reads and writes one catalog; the caller owns the transaction.
FeatureTally import_catalog(store::Database& db, const std::filesystem::path& path, const FeatureImportOptions& options,
                            store::CatalogArtistSums& artist_sums) {
  const auto bytes = sources::open_file_source(path);
  sources::FeatureCatalogReader reader(*bytes, path.string(), options.id_column);
  store::AudioFeatureWriter writer(db, "catalog:" + path.filename().string(), now_utc_ms(),
                                   options.replace_service_values);
  const std::string name_source = std::string(store::kCatalogNamePrefix) + path.filename().string();
  FeatureTally tally;
  tally.files = 1;
  sources::CatalogRow row;
  while (reader.next(row)) {
    ++tally.rows;
    if (!row.skip_reason) {
      auto outcome = writer.write(row.track_id, row.features);
      if (outcome == store::FeatureWriteOutcome::not_in_history && options.match_names && !row.artist.empty()) {
        outcome = writer.write_by_name(row.artist, row.title, row.features, name_source);
        if (outcome == store::FeatureWriteOutcome::not_in_history) artist_sums.add(row.artist, row.title, row.features);
      }
      tally.count(outcome);
      continue;
    }
    count_skipped_row(tally.skipped, row.skip_reason, row.problem, path, reader.line());
  }
  return tally;
}

}  // namespace

FeatureImportResult import_features(store::Database& db, const std::vector<std::filesystem::path>& catalogs,
                                    const FeatureImportOptions& options) {
  FeatureImportResult report;
  store::CatalogArtistSums artist_sums(db);
  store::CatalogArtistSums file_artist_sums(db);
  for (std::size_t i = 0; i < catalogs.size(); ++i) {
    const std::filesystem::path& path = catalogs[i];
    try {
      store::Transaction transaction(db);
      file_artist_sums.clear();
      const FeatureTally tally = import_catalog(db, path, options, file_artist_sums);
      transaction.commit();
      artist_sums.merge(file_artist_sums);
      report.tally.add(tally);
      spdlog::debug("{}: {} rows, {} of your tracks, {} stored", path.string(), tally.rows, tally.matched,
                    tally.stored);
      continue;
    } catch (const InputError& bad_file) {
      report.failures.push_back({path.string(), bad_file.what()});
    }
    // Only failures reach this point; the transaction has left the store as it was.
    if (!options.keep_going) {
      throw InputError(report.failures.back().message +
                       (i > 0 ? " (the files before it were imported; --keep-going imports the "
                                "others too)"
                              : ""));
    }
  }
  if (options.match_names) {
    // After every file, so an artist's mean is over all the catalogs and a later file's ID or
    // name match is never shadowed by it.
    store::Transaction transaction(db);
    report.tracks_from_catalog_artists = store::store_catalog_artist_means(db, artist_sums, now_utc_ms());
    transaction.commit();
  }
  assign_new_tracks_to_clusters(db);
  report.coverage = store::feature_coverage(db);
  return report;
}

}  // namespace sonic::pipeline
