#include "sonic/pipeline/demo.hpp"

#include <spdlog/spdlog.h>

#include "sonic/insight/period.hpp"
#include "sonic/pipeline/import_features.hpp"
#include "sonic/pipeline/import_history.hpp"
#include "sonic/pipeline/report.hpp"
#include "sonic/sim/export_zip.hpp"
#include "sonic/sim/features_csv.hpp"
#include "sonic/sim/history.hpp"
#include "sonic/store/schema.hpp"

namespace sonic::pipeline {

DemoResult run_demo(const DemoOptions& options) {
  DemoResult result;
  result.export_zip = options.folder / "my_spotify_data.zip";
  result.features_csv = options.folder / "audio_features.csv";
  result.home = options.folder / "home";
  result.database = result.home / "sonic.db";

  sim::SimulationOptions simulation;
  simulation.seed = options.seed;
  simulation.days = options.days;
  sim::validate(simulation);
  const sim::History history = sim::simulate_listener(simulation);
  sim::write_extended_export_zip(history, result.export_zip);
  sim::write_features_csv(history, result.features_csv);
  spdlog::info("simulated {} plays of {} tracks: {}", history.rows.size(), history.catalog.tracks.size(),
               result.export_zip.string());

  // A fresh demo home each time, so the demo shows one listener's year, not several.
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(result.database.string() + suffix, ignored);
  }
  store::Database db = store::open_store(result.database);
  result.import = import_history(db, {result.export_zip}, ImportOptions{});
  result.features = import_features(db, {result.features_csv}, FeatureImportOptions{});
  if (!options.models) return result;

  result.labelled_moods_csv = options.folder / "labelled_moods.csv";
  sim::write_labelled_moods_csv(history, result.labelled_moods_csv);
  const Home home{result.home, result.database};
  const TimeZone zone = TimeZone::named(kDemoTimeZone);
  RetrainOptions retrain_options;
  retrain_options.mood_labels = result.labelled_moods_csv;
  retrain_options.seed = options.seed;
  retrain_options.offline_narrator = true;  // the demo never calls a paid service
  result.retrain = retrain(db, home, zone, retrain_options);

  // The simulated listener's "now" is the end of their year, so the forecast shows their next
  // day rather than a day long after they stopped listening.
  ReportRequest request;
  request.period = "all";
  request.now_ms = insight::resolve_period(db, zone, insight::Period::all()).to_ms;
  request.colour = options.colour;
  const auto dashboard = build_report_dashboard(db, home, zone, request);
  result.terminal_report = deliver_report(dashboard, home, zone, request).stdout_text;
  request.format = ReportFormat::html;
  request.out = home.reports() / "report-demo-year.html";
  result.html_report = *deliver_report(dashboard, home, zone, request).written;
  return result;
}

}  // namespace sonic::pipeline
