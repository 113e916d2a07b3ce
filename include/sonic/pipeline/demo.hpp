#pragma once
// `sonic demo`: a simulated listener's year, written as Spotify would deliver it (the export zip)
// and as public catalogs would (the audio features CSV; a catalog with artist genres), all imported
// through the same paths as real data, into a home of its own (never the person's real store); then the nightly
// retrain (clusters, the mood net trained on the simulated catalog's planted moods, the next-mood
// and session models, drift, the offline narrative) and the report, in the terminal and as HTML;
// then recommendations from the listener's own history and a comparison with a second simulated
// listener (seed + 1), whose export is compared as `sonic compare friend.zip` would.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sonic/pipeline/catalog_import.hpp"
#include "sonic/pipeline/feature_import_result.hpp"
#include "sonic/pipeline/import_tally.hpp"
#include "sonic/pipeline/playlist.hpp"
#include "sonic/pipeline/retrain.hpp"
#include "sonic/taste/compatibility.hpp"
#include "sonic/taste/recommend.hpp"

namespace sonic::pipeline {

struct DemoOptions {
  std::filesystem::path folder;  // holds the zip, the features CSV and the demo home
  std::uint64_t seed = 42;
  int days = 365;
  bool models = true;   // false: import only (stats), no retrain or report
  bool colour = false;  // the terminal report's colours
};

struct DemoResult {
  std::filesystem::path export_zip;
  std::filesystem::path features_csv;
  std::filesystem::path home;
  std::filesystem::path database;
  ImportResult import;
  FeatureImportResult features;              // every simulated track has features: coverage is complete
  std::filesystem::path genre_catalog_csv;   // the catalog with artist genres (sim/genre_catalog_csv)
  CatalogImportResult genre_catalog;         // as `sonic catalog import`: the report's genres section
  std::filesystem::path labelled_moods_csv;  // the catalog with its planted moods
  std::optional<RetrainResult> retrain;
  std::string terminal_report;  // the whole year, as `sonic report` prints it
  std::filesystem::path html_report;
  // `sonic recommend` (rediscover and library pools: the demo asks no service) as of the year's end.
  std::optional<taste::RecommendResult> recommendations;
  // `sonic compare` with a second simulated listener (the next seed), from their export zip.
  std::filesystem::path friend_export_zip;
  std::optional<taste::Comparison> comparison;
  std::optional<PlaylistResult> playlist;  // `sonic playlist` on the simulated year, also written as XSPF
};

// The zone the simulated listener lives in (a fixed UTC+1, like the simulator's clock).
inline constexpr const char* kDemoTimeZone = "Etc/GMT-1";
// What the demo asks `sonic playlist` for (a prompt that needs features, a time of day and a size).
inline constexpr const char* kDemoPlaylistPrompt = "calm evening music, 10 songs";

DemoResult run_demo(const DemoOptions& options);

// What `sonic demo` shows of its result.
struct DemoShown {
  nlohmann::json json;  // --json: the files, every tally, the stats, the retrain, the HTML report
  std::string tallies;  // the import's, the features' and the retrain's tallies, for stderr
  std::string text;     // the terminal report (the stats with import only) and where everything is
};

// run_demo in options.folder (created; a new temporary folder when empty), then what it shows.
// time_zone_setting is --tz: the zone of the stats and of the command to explore the demo store
// (empty: the simulated listener's).
DemoShown show_demo(DemoOptions options, const std::string& time_zone_setting);

}  // namespace sonic::pipeline
