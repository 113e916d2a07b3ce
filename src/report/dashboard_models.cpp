// The dashboard's "models": what each kind of model scored when it was last trained.
#include <cmath>
#include <map>

#include "sonic/core/utc_time.hpp"
#include "sonic/report/dashboard.hpp"

namespace sonic::report {

nlohmann::json models_section(const std::vector<tracking::RunSummary>& runs_newest_first) {
  // A failed run has no final metrics worth showing; it is shown only when nothing finished.
  std::map<std::string, const tracking::RunSummary*> chosen;
  for (const auto& run : runs_newest_first) {
    const auto found = chosen.find(run.experiment);
    if (found == chosen.end()) {
      chosen[run.experiment] = &run;
    } else if (found->second->status != tracking::RunStatus::finished &&
               run.status == tracking::RunStatus::finished) {
      found->second = &run;
    }
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [experiment, run] : chosen) {
    nlohmann::json metrics = nlohmann::json::object();
    for (const auto& [key, value] : run->metrics) {
      metrics[key] = std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
    }
    list.push_back({{"experiment", experiment},
                    {"run_id", run->run_id},
                    {"run_name", run->run_name},
                    {"status", tracking::run_status_name(run->status)},
                    {"start", format_iso8601_utc(run->start_ms)},
                    {"end", run->end_ms ? nlohmann::json(format_iso8601_utc(*run->end_ms))
                                        : nlohmann::json(nullptr)},
                    {"metrics", metrics}});
  }
  return list;
}

}  // namespace sonic::report
