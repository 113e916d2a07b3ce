#pragma once
// The dashboard's "models" section: what each kind of model scored when it was last trained.
#include <nlohmann/json.hpp>
#include <vector>

#include "sonic/tracking/mlflow_store.hpp"

namespace sonic::report {

// The latest finished run of each experiment (else its latest run), by experiment name.
nlohmann::json models_section(const std::vector<tracking::RunSummary>& runs_newest_first);

}  // namespace sonic::report
