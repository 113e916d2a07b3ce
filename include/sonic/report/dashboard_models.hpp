#pragma once
// The dashboard's "models" section: what each kind of model scored when it was last trained.
#include <nlohmann/json.hpp>
#include <vector>

#include "sonic/tracking/mlflow_store.hpp"
#include "sonic/tracking/model_kinds.hpp"

namespace sonic::report {

// The latest finished run of each experiment (else its latest run), by experiment name, with
// its kind's headline metrics (pipeline::headline_metrics()).
nlohmann::json models_section(const std::vector<tracking::RunSummary>& runs_newest_first,
                              const tracking::HeadlineMetrics& headlines);

}  // namespace sonic::report
