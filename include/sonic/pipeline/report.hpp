#pragma once
// `sonic report`: gathers the dashboard (report/dashboard.hpp) for a period, renders it in the
// format asked, and writes it where asked. Read-only on the store: segments, drift and the
// narrative are computed as `sonic summarize` computes them but nothing is kept, and the session
// forecast is `sonic predict session`'s for the next 24 local hours (models/session.json).
//
// Where the report goes: terminal and JSON go to stdout unless --out is given; HTML and Markdown
// always go to a file — --out, else <home>/reports/report-<local date>-<period>.<html|md>. When
// a file is written, its path is the one line the command prints on stdout (so
// `xdg-open "$(sonic report --format html)"` works); everything else goes to stderr.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sonic/core/home.hpp"
#include "sonic/core/time_zone.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

enum class ReportFormat { terminal, json, html, markdown };

// "terminal", "json", "html", "md" (UsageError naming the value otherwise).
ReportFormat parse_report_format(const std::string& text);

struct ReportRequest {
  ReportFormat format = ReportFormat::terminal;
  std::filesystem::path out;   // empty: stdout, or the reports folder for html/md
  std::string period = "all";  // 7, 30, 365, all: insight::Period::parse, as summarize
  std::optional<int> year;     // wins over period
  int top = 10;
  bool colour = false;      // terminal on stdout only
  std::int64_t now_ms = 0;  // 0: the clock
  // `sonic report --compare OTHER` (what `sonic compare` takes): the dashboard gains a
  // `comparison` (taste::to_json of the Comparison), shown as a section of the HTML report.
  std::optional<std::filesystem::path> compare_with{};
};

struct ReportResult {
  nlohmann::json dashboard;
  std::string stdout_text;  // the report itself, or the written file's path + "\n"
  std::optional<std::filesystem::path> written;
};

// `db` is the home's store (only read); models come from the home's mlruns, files go under it.
ReportResult make_report(store::Database& db, const Home& home, const TimeZone& zone, const ReportRequest& request);

// make_report in its two halves, for callers that want one dashboard in several formats
// (retrain, the demo) without computing it again: gather it for the request's period and
// "now", then render and place it in the request's format.
nlohmann::json build_report_dashboard(store::Database& db, const Home& home, const TimeZone& zone,
                                      const ReportRequest& request);
ReportResult deliver_report(nlohmann::json dashboard, const Home& home, const TimeZone& zone,
                            const ReportRequest& request);

// report-2026-11-21-last30.html
std::string default_report_name(const TimeZone& zone, std::int64_t now_ms, const std::string& period_slug,
                                ReportFormat format);

}  // namespace sonic::pipeline
