#include "sonic/pipeline/retrain.hpp"

#include "sonic/pipeline/model_registry.hpp"
#include "sonic/pipeline/report.hpp"
#include "sonic/pipeline/summarize.hpp"

#include <chrono>

namespace sonic::pipeline {
namespace {

// Every model's steps, in the registry's order; a step runs unless it says why not.
void model_steps(StepRunner& steps, const ModelContext& context, const RetrainOptions& options) {
  for (const auto& model : model_registry()) {
    for (const auto& step : model.retrain) {
      const std::string name(step.name);
      const std::string why = step.skip_reason ? step.skip_reason(context, options) : "";
      if (!why.empty()) {
        steps.skip(name, why);
        continue;
      }
      steps.run(name, step.needs, [&] { return step.run(context, options); });
    }
  }
}

void insight_steps(StepRunner& steps, store::Database& db, const Home& home, const TimeZone& zone,
                   const RetrainOptions& options) {
  // Drift (kept per run in drift_runs) and the narrative the report shows: summarize's work.
  steps.run("summarize", {}, [&] {
    SummarizeOptions summarize_options;
    summarize_options.narrator = insight::NarratorSettings::from_environment(options.offline_narrator);
    const auto summary = summarize(db, zone, summarize_options);
    return nlohmann::json{{"drift_flags", summary.drift.value("flags", nlohmann::json::array()).size()},
                          {"narrator", summary.narrative.narrator},
                          {"cached", summary.narrative.cached}};
  });
  // One dashboard, written as JSON and rendered as HTML: computed once.
  const auto reports = options.report_dir.value_or(home.reports());
  ReportRequest request;
  request.period = "30";
  nlohmann::json dashboard;
  const auto deliver = [&](ReportFormat format, const char* file) {
    request.format = format;
    request.out = reports / file;
    const auto result = deliver_report(dashboard, home, zone, request);
    return nlohmann::json{{"file", result.written ? result.written->filename().string() : ""}};
  };
  steps.run("dashboard", {}, [&] {
    dashboard = build_report_dashboard(db, home, zone, request);
    return deliver(ReportFormat::json, "dashboard.json");
  });
  steps.run("report", {"dashboard"}, [&] { return deliver(ReportFormat::html, "report.html"); });
}

}  // namespace

RetrainReport retrain(store::Database& db, const Home& home, const TimeZone& zone, const RetrainOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  RetrainReport report;
  StepRunner steps(report);
  model_steps(steps, ModelContext{db, home, zone}, options);
  insight_steps(steps, db, home, zone, options);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace sonic::pipeline
