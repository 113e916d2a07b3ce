#include "sonic/pipeline/demo.hpp"

#include <spdlog/spdlog.h>
#include <stdlib.h>

#include "sonic/core/error.hpp"
#include "sonic/insight/period.hpp"
#include "sonic/pipeline/compare_taste.hpp"
#include "sonic/pipeline/import_features.hpp"
#include "sonic/pipeline/import_history.hpp"
#include "sonic/pipeline/recommend_tracks.hpp"
#include "sonic/pipeline/report.hpp"
#include "sonic/report/history_stats_format.hpp"
#include "sonic/report/taste_text.hpp"
#include "sonic/sim/export_zip.hpp"
#include "sonic/sim/features_csv.hpp"
#include "sonic/sim/genre_catalog_csv.hpp"
#include "sonic/sim/history.hpp"
#include "sonic/store/schema.hpp"

namespace sonic::pipeline {
namespace {

std::filesystem::path fresh_temp_folder() {
  std::string pattern = (std::filesystem::temp_directory_path() / "sonic-demo-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw Error(ExitCode::unexpected, "cannot create a temporary folder");
  return pattern;
}

}  // namespace

DemoResult run_demo(const DemoOptions& options) {
  DemoResult result;
  result.export_zip = options.folder / "my_spotify_data.zip";
  result.features_csv = options.folder / "audio_features.csv";
  result.genre_catalog_csv = options.folder / "artist_genres.csv";
  result.home = options.folder / "home";
  result.database = result.home / "sonic.db";

  sim::SimulationOptions simulation;
  simulation.seed = options.seed;
  simulation.days = options.days;
  sim::validate(simulation);
  const sim::History history = sim::simulate_listener(simulation);
  sim::write_extended_export_zip(history, result.export_zip);
  sim::write_features_csv(history, result.features_csv);
  sim::write_genre_catalog_csv(history, result.genre_catalog_csv);
  spdlog::info("simulated {} plays of {} tracks: {}", history.rows.size(), history.catalog.tracks.size(),
               result.export_zip.string());

  // A fresh demo home each time, so the demo shows one listener's year, not several.
  store::remove_store_files(result.database);
  store::Database db = store::open_store(result.database);
  result.import = import_history(db, {result.export_zip}, ImportOptions{});
  result.features = import_features(db, {result.features_csv}, FeatureImportOptions{});
  result.genre_catalog = import_catalog(db, {result.genre_catalog_csv}, {.name = "demo-genres", .id_column = ""});
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

  RecommendRequest recommend;
  recommend.options.pools = {taste::Pool::rediscover, taste::Pool::library};
  recommend.options.size = 10;
  result.recommendations = recommend_tracks(db, home, zone, recommend).recommendations;

  sim::SimulationOptions other = simulation;
  other.seed = options.seed + 1;
  result.friend_export_zip = options.folder / "friend_spotify_data.zip";
  sim::write_extended_export_zip(sim::simulate_listener(other), result.friend_export_zip);
  result.comparison = compare_taste(db, result.friend_export_zip, zone, {});
  result.playlist = make_playlist(db, zone,
                                  {.prompt = std::string(kDemoPlaylistPrompt),
                                   .for_segment = std::nullopt,
                                   .before_date = std::nullopt,
                                   .out = home.dir / "playlists" / "demo-calm-evening.xspf",
                                   .model = std::nullopt});
  return result;
}

DemoShown show_demo(DemoOptions options, const std::string& time_zone_setting) {
  if (options.folder.empty()) options.folder = fresh_temp_folder();
  std::filesystem::create_directories(options.folder);
  const DemoResult result = run_demo(options);

  const TimeZone zone = TimeZone::from_setting(time_zone_setting.empty() ? kDemoTimeZone : time_zone_setting);
  store::Database db = store::open_store(result.database);
  const auto stats = report::compute_history_stats(db, zone);
  DemoShown shown;
  shown.json = {
      {"folder", options.folder.string()},
      {"export", result.export_zip.string()},
      {"features_csv", result.features_csv.string()},
      {"genre_catalog_csv", result.genre_catalog_csv.string()},
      {"home", result.home.string()},
      {"import", result.import.to_json()},
      {"features", result.features.to_json()},
      {"genre_catalog", to_json(result.genre_catalog)},
      {"stats", report::to_json(stats)},
      {"retrain", result.retrain ? result.retrain->to_json() : nlohmann::json()},
      {"html_report", result.html_report.empty() ? nlohmann::json() : nlohmann::json(result.html_report.string())},
      {"recommendations", result.recommendations ? taste::to_json(*result.recommendations) : nlohmann::json()},
      {"comparison", result.comparison ? taste::to_json(*result.comparison) : nlohmann::json()},
      {"playlist", result.playlist ? to_json(*result.playlist) : nlohmann::json()}};
  shown.tallies = result.import.to_text() + result.features.to_text() + to_text(result.genre_catalog) +
                  (result.retrain ? result.retrain->to_text() : "");
  shown.text = result.retrain ? result.terminal_report : report::to_text(stats);
  shown.text += "\nThe simulated export is " + result.export_zip.string() + ",\nits audio features " +
                result.features_csv.string() + "\nand its artists' genres " + result.genre_catalog_csv.string() + ".\n";
  if (result.recommendations) shown.text += "\nWorth playing now:\n" + report::recommend_text(*result.recommendations);
  if (result.comparison) {
    shown.text += "\nA second simulated listener (" + result.friend_export_zip.string() + "):\n" +
                  report::compare_text(*result.comparison);
  }
  if (!result.html_report.empty()) shown.text += "The HTML report: " + result.html_report.string() + "\n";
  if (result.playlist) {
    shown.text += "\nsonic playlist \"" + std::string(kDemoPlaylistPrompt) + "\":\n" + to_text(*result.playlist);
  }
  shown.text +=
      "Explore the demo store with: sonic --home " + result.home.string() + " --tz " + zone.name() + " report\n";
  return shown;
}

}  // namespace sonic::pipeline
