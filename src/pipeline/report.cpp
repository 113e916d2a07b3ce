#include "sonic/pipeline/report.hpp"

#include <cstdio>

#include "sonic/core/atomic_file.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/report/dashboard.hpp"
#include "sonic/report/html_report.hpp"
#include "sonic/report/markdown_report.hpp"
#include "sonic/report/terminal_report.hpp"
#include "sonic/tracking/mlflow_store.hpp"

namespace sonic::pipeline {
namespace {

// Every run in mlruns, so the latest of each experiment is among them.
constexpr std::size_t kRunsToScan = 100'000;

// The sections other modules compute. insight/ (segments, drift, narrative) and session/ (the
// forecast) fill these in when they land; until then the report says what to run.
report::DashboardInputs gather_inputs(const Home& home, const ReportRequest& request, std::int64_t now_ms) {
  report::DashboardInputs inputs;
  inputs.models = report::models_section(tracking::list_runs(home.runs(), std::nullopt, kRunsToScan));
  inputs.now_ms = now_ms;
  inputs.top = request.top;
  return inputs;
}

std::string render(const nlohmann::json& dashboard, ReportFormat format, bool colour) {
  switch (format) {
    case ReportFormat::terminal: return report::render_terminal(dashboard, {.colour = colour});
    case ReportFormat::json:
      return dashboard.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    case ReportFormat::html: return report::render_html(dashboard);
    case ReportFormat::markdown: return report::render_markdown(dashboard);
  }
  return "";
}

const char* extension(ReportFormat format) {
  switch (format) {
    case ReportFormat::terminal: return "txt";
    case ReportFormat::json: return "json";
    case ReportFormat::html: return "html";
    case ReportFormat::markdown: return "md";
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

ReportResult make_report(store::Database& db, const Home& home, const TimeZone& zone,
                         const ReportRequest& request) {
  const std::int64_t now_ms = request.now_ms != 0 ? request.now_ms : now_utc_ms();
  const report::Period period =
      report::resolve_period(request.period, request.year, report::newest_listen_start(db), zone);

  ReportResult result;
  result.dashboard = report::build_dashboard(db, zone, period, gather_inputs(home, request, now_ms));
  std::filesystem::path destination = request.out;
  const bool to_file = request.format == ReportFormat::html || request.format == ReportFormat::markdown;
  if (destination.empty() && to_file) {
    destination = home.reports() / default_report_name(zone, now_ms, period.slug, request.format);
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

}  // namespace sonic::pipeline
