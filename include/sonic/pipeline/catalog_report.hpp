#pragma once
// `sonic catalog report`: everything the catalog lab knows about one catalog, as one JSON
// document that report/catalog_report renders for the terminal, Markdown and HTML: trends per
// decade, each feature's distribution, the clusters of sound and, when the hit model was trained
// on this catalog, its evaluation, importance and a SHAP summary over a sample of tracks.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "sonic/core/home.hpp"
#include "sonic/pipeline/report.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

struct CatalogReportOptions {
  std::string catalog;  // empty: the only one
  std::size_t histogram_bins = 20;
  std::size_t shap_sample = 300;  // tracks drawn for the SHAP summary
  std::size_t map_points = 40;    // tracks per cluster drawn on the cluster map
  // The clusters are fitted on a seeded sample: K selection over 1.2M tracks took over a minute
  // and 800 MB, for a map that draws 40 dots a cluster.
  std::size_t cluster_sample = 5000;
  std::uint64_t seed = 42;
  std::int64_t now_ms = 0;
};

nlohmann::json catalog_report(store::Database& db, const Home& home, const CatalogReportOptions& options);

struct CatalogReportRequest {
  CatalogReportOptions options;
  ReportFormat format = ReportFormat::terminal;
  std::filesystem::path out;  // empty: stdout, or <home>/reports/catalog-<name>-<date>.<ext> for html/md
};

// The report in its format: the text for stdout (the report, or the written file's path + "\n").
// Files are written atomically.
std::string make_catalog_report(store::Database& db, const Home& home, const CatalogReportRequest& request);

}  // namespace sonic::pipeline
