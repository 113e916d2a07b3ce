#include "sonic/pipeline/report.hpp"

#include "sonic/pipeline/compare_taste.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <limits>

#include "sonic/core/atomic_file.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/pipeline/catalog_placement.hpp"
#include "sonic/pipeline/playlist.hpp"
#include "sonic/pipeline/predict_session.hpp"
#include "sonic/pipeline/summarize.hpp"
#include "sonic/pipeline/model_registry.hpp"
#include "sonic/report/dashboard.hpp"
#include "sonic/report/dashboard_models.hpp"
#include "sonic/report/html_report.hpp"
#include "sonic/report/insight_sections.hpp"
#include "sonic/report/markdown_report.hpp"
#include "sonic/report/terminal_report.hpp"
#include "sonic/session/session_model_file.hpp"
#include "sonic/tracking/mlflow_store.hpp"

namespace sonic::pipeline {
namespace {

// Every run in mlruns, so the latest of each experiment is among them.
constexpr std::size_t kRunsToScan = 100'000;

// The next 24 local hours from the first whole hour at or after `now_ms`, as `sonic predict
// session` forecasts them. No model yet: null, and the report says how to train one. A model that
// cannot be used: a warning, and the rest of the report.
nlohmann::json forecast_or_null(store::Database& db, const Home& home, const TimeZone& zone, std::int64_t now_ms) {
  if (!std::filesystem::exists(session::session_model_path(home))) return nullptr;
  try {
    const SessionPrediction prediction =
        predict_session(db, home, zone, {.forecast = session::ForecastOptions{}, .at_ms = now_ms});
    return report::forecast_section({prediction.hours, prediction.model_id, prediction.time_zone, prediction.from_ms});
  } catch (const Error& error) {
    spdlog::warn("{}; the report goes on without the session forecast", error.what());
    return nullptr;
  }
}

// The sections insight/ and session/ compute, all without writing the store: segments and drift
// as `sonic summarize` computes them for the same period (drift not kept), the narrative it cached
// for them or the offline narrator's, and the session forecast.
report::DashboardInputs gather_inputs(store::Database& db, const Home& home, const TimeZone& zone,
                                      const insight::Period& period, const ReportRequest& request,
                                      std::int64_t now_ms) {
  report::DashboardInputs inputs;
  const InsightFigures insight = compute_insight(db, zone, period, insight::SegmentBoundaries{});
  inputs.segments = report::segments_section(insight.statistics);
  inputs.drift = report::drift_section(insight.statistics["drift"]);
  if (insight.profile.overall.plays > 0) {
    inputs.narrative = report::narrative_section(
        insight::recall_narrative(db, insight.statistics, insight::NarratorSettings::from_environment(false)));
  }
  inputs.forecast = forecast_or_null(db, home, zone, now_ms);
  inputs.models =
      report::models_section(tracking::list_runs(home.runs(), std::nullopt, kRunsToScan), headline_metrics());
  inputs.now_ms = now_ms;
  inputs.top = request.top;
  return inputs;
}

// "Playlists for your day": ten tracks for each time of day from what the person plays then, as
// `sonic playlist --for <time> "10 songs"` would choose them.
nlohmann::json day_playlists(store::Database& db, const TimeZone& zone) {
  static constexpr std::pair<const char*, const char*> kTimes[] = {{"morning", "Morning (05-12)"},
                                                                   {"afternoon", "Afternoon (12-17)"},
                                                                   {"evening", "Evening (17-22)"},
                                                                   {"night", "Night (22-05)"}};
  nlohmann::json lists = nlohmann::json::array();
  // One read of the library and its listens for the four (each was a pass over every listen).
  const PlaylistLibrary library = read_playlist_library(db, std::numeric_limits<std::int64_t>::max());
  for (const auto& [time, title] : kTimes) {
    const PlaylistRequest request{.prompt = "10 songs",
                                  .for_segment = time,
                                  .before_date = std::nullopt,
                                  .out = std::nullopt,
                                  .model = std::nullopt};
    const auto playlist = make_playlist(db, zone, request, library);
    nlohmann::json tracks = nlohmann::json::array();
    for (const auto& chosen : playlist.selection.tracks) {
      tracks.push_back({{"track", chosen.candidate.track.name},
                        {"artist", chosen.candidate.track.artist},
                        {"plays_in_window", chosen.candidate.segment_plays}});
    }
    lists.push_back({{"time_of_day", time}, {"title", title}, {"tracks", tracks}});
  }
  return lists;
}

std::string render(const nlohmann::json& dashboard, ReportFormat format, bool colour) {
  switch (format) {
    case ReportFormat::terminal:
      return report::render_terminal(dashboard, {.colour = colour});
    case ReportFormat::json:
      return dashboard.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    case ReportFormat::html:
      return report::render_html(dashboard);
    case ReportFormat::markdown:
      return report::render_markdown(dashboard);
  }
  return "";
}

const char* extension(ReportFormat format) {
  switch (format) {
    case ReportFormat::terminal:
      return "txt";
    case ReportFormat::json:
      return "json";
    case ReportFormat::html:
      return "html";
    case ReportFormat::markdown:
      return "md";
  }
  return "txt";
}

}  // namespace

ReportFormat parse_report_format(const std::string& text) {
  if (text == "terminal") return ReportFormat::terminal;
  if (text == "json") return ReportFormat::json;
  if (text == "html") return ReportFormat::html;
  if (text == "md" || text == "markdown") return ReportFormat::markdown;
  throw UsageError("--format must be terminal, json, html or md, not \"" + text + "\"");
}

std::string default_report_name(const TimeZone& zone, std::int64_t now_ms, const std::string& period_slug,
                                ReportFormat format) {
  const LocalTime today = zone.local(now_ms);
  char date[32];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", today.year, today.month, today.day);
  return "report-" + std::string(date) + "-" + period_slug + "." + extension(format);
}

nlohmann::json build_report_dashboard(store::Database& db, const Home& home, const TimeZone& zone,
                                      const ReportRequest& request) {
  const std::int64_t now_ms = request.now_ms != 0 ? request.now_ms : now_utc_ms();
  const insight::Period period = insight::Period::parse(request.period, request.year);
  auto dashboard = report::build_dashboard(db, zone, period, gather_inputs(db, home, zone, period, request, now_ms));
  if (request.compare_with)
    dashboard["comparison"] = taste::to_json(compare_taste(db, *request.compare_with, zone, {}));
  dashboard["day_playlists"] = day_playlists(db, zone);
  // Only with a catalog that holds some of the period's listens; otherwise no section at all.
  nlohmann::json placement = catalog_placement_section(db, report::dashboard_span(db, zone, period));
  if (!placement.empty()) dashboard["catalogs"] = std::move(placement);
  return dashboard;
}

ReportResult deliver_report(nlohmann::json dashboard, const Home& home, const TimeZone& zone,
                            const ReportRequest& request) {
  const std::int64_t now_ms = request.now_ms != 0 ? request.now_ms : now_utc_ms();
  ReportResult result;
  result.dashboard = std::move(dashboard);
  std::filesystem::path destination = request.out;
  const bool to_file = request.format == ReportFormat::html || request.format == ReportFormat::markdown;
  if (destination.empty() && to_file) {
    const auto slug = insight::Period::parse(request.period, request.year).slug();
    destination = home.reports() / default_report_name(zone, now_ms, slug, request.format);
  }
  if (destination.empty()) {
    result.stdout_text = render(result.dashboard, request.format, request.colour);
    return result;
  }
  write_file_atomically(destination, render(result.dashboard, request.format, false));
  result.written = destination;
  result.stdout_text = destination.string() + "\n";
  return result;
}

ReportResult make_report(store::Database& db, const Home& home, const TimeZone& zone, const ReportRequest& request) {
  return deliver_report(build_report_dashboard(db, home, zone, request), home, zone, request);
}

}  // namespace sonic::pipeline
