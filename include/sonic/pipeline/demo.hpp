#pragma once
// `sonic demo`: a simulated listener's year, written as Spotify would deliver it (the export zip)
// and as a public catalog would (the audio features CSV), both imported through the same paths
// as real data, into a home of its own (never the person's real store).
#include <cstdint>
#include <filesystem>

#include "sonic/pipeline/feature_import_report.hpp"
#include "sonic/pipeline/import_tally.hpp"

namespace sonic::pipeline {

struct DemoOptions {
  std::filesystem::path folder;  // holds the zip, the features CSV and the demo home
  std::uint64_t seed = 42;
  int days = 365;
};

struct DemoResult {
  std::filesystem::path export_zip;
  std::filesystem::path features_csv;
  std::filesystem::path home;
  std::filesystem::path database;
  ImportReport import;
  FeatureImportReport features;  // every simulated track has features: coverage is complete
};

// The zone the simulated listener lives in (a fixed UTC+1, like the simulator's clock).
inline constexpr const char* kDemoTimeZone = "Etc/GMT-1";

DemoResult run_demo(const DemoOptions& options);

}  // namespace sonic::pipeline
