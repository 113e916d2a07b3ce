#pragma once
// `sonic runs`: training runs as a table for the terminal or as one JSON object.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sonic/tracking/mlflow_store.hpp"
#include "sonic/tracking/model_kinds.hpp"

namespace sonic::report {

// The few metrics that say how good a run's kind of model is, in the order to show them (the
// registry's headline metrics, pipeline::headline_metrics()); empty for an experiment sonic does
// not know: show everything then.
const std::vector<std::string>& headline_metric_names(const tracking::HeadlineMetrics& headlines,
                                                      const std::string& experiment);

// {"runs":[{"experiment","run_id","run_name","status","start","end","metrics":{…},"params":{…}}]}
nlohmann::json runs_json(const std::vector<tracking::RunSummary>& runs);
// One line per run (time, experiment, status, the headline metrics), within 80 columns.
std::string runs_text(const std::vector<tracking::RunSummary>& runs, const std::filesystem::path& mlruns,
                      const tracking::HeadlineMetrics& headlines);

}  // namespace sonic::report
