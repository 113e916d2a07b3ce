#include "sonic/report/runs_table.hpp"

#include <fmt/format.h>

#include <map>
#include <cmath>

#include "sonic/core/utc_time.hpp"
#include "sonic/report/text_cell.hpp"

namespace sonic::report {
namespace {

std::string headline_metrics(const tracking::RunSummary& run, const tracking::HeadlineMetrics& headlines) {
  std::string text;
  int shown = 0;
  for (const auto& name : headline_metric_names(headlines, run.experiment)) {
    const auto found = run.metrics.find(name);
    if (found == run.metrics.end() || shown == 3) continue;
    const double value = found->second;
    const bool whole = std::abs(value - std::round(value)) < 1e-9 && std::abs(value) >= 1;
    text += fmt::format("{}{}={}", shown ? " " : "", name,
                        whole ? fmt::format("{:.0f}", value) : fmt::format("{:.3f}", value));
    ++shown;
  }
  return text;
}

}  // namespace

const std::vector<std::string>& headline_metric_names(const tracking::HeadlineMetrics& headlines,
                                                      const std::string& experiment) {
  static const std::vector<std::string> kNone;
  const auto found = headlines.find(experiment);
  return found == headlines.end() ? kNone : found->second;
}

nlohmann::json runs_json(const std::vector<tracking::RunSummary>& runs) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& run : runs) {
    nlohmann::json metrics = nlohmann::json::object();
    for (const auto& [name, value] : run.metrics)
      metrics[name] = std::isfinite(value) ? nlohmann::json(value) : nlohmann::json();
    list.push_back({{"experiment", run.experiment},
                    {"experiment_id", run.experiment_id},
                    {"run_id", run.run_id},
                    {"run_name", run.run_name},
                    {"status", tracking::run_status_name(run.status)},
                    {"start", format_iso8601_utc(run.start_ms)},
                    {"end", run.end_ms ? nlohmann::json(format_iso8601_utc(*run.end_ms)) : nlohmann::json()},
                    {"metrics", metrics},
                    {"params", run.params}});
  }
  return {{"runs", list}};
}

std::string runs_text(const std::vector<tracking::RunSummary>& runs, const std::filesystem::path& mlruns,
                      const tracking::HeadlineMetrics& headlines) {
  if (runs.empty()) return "No training runs yet in " + mlruns.string() + " (sonic cluster, sonic train …).\n";
  std::string text = "started (UTC)     experiment     status    metrics\n";
  for (const auto& run : runs) {
    const auto start = format_iso8601_utc(run.start_ms);
    text += fmt::format("{} {}  {}  {:<8}  {}\n", start.substr(0, 10), start.substr(11, 5), cell(run.experiment, 13),
                        tracking::run_status_name(run.status), headline_metrics(run, headlines));
  }
  text += "\nAll runs: MLFLOW_ALLOW_FILE_STORE=true mlflow ui --backend-store-uri " + mlruns.string() + "\n";
  return text;
}

}  // namespace sonic::report
