// The dashboard's "models": what each kind of model scored when it was last trained.
#include <algorithm>
#include <map>

#include "sonic/report/dashboard_models.hpp"
#include "sonic/report/runs_table.hpp"

namespace sonic::report {

nlohmann::json models_section(const std::vector<tracking::RunSummary>& runs_newest_first,
                              const tracking::HeadlineMetrics& headlines) {
  // A failed run has no final metrics worth showing; it is shown only when nothing finished.
  std::map<std::string, const tracking::RunSummary*> chosen;
  for (const auto& run : runs_newest_first) {
    const auto found = chosen.find(run.experiment);
    if (found == chosen.end()) {
      chosen[run.experiment] = &run;
    } else if (found->second->status != tracking::RunStatus::finished && run.status == tracking::RunStatus::finished) {
      found->second = &run;
    }
  }
  std::vector<tracking::RunSummary> latest;
  for (const auto& entry : chosen) latest.push_back(*entry.second);
  // The entries of `sonic runs --json`, each with "headline": the metrics a report shows.
  auto entries = runs_json(latest)["runs"];
  for (auto& entry : entries) {
    const auto& names = headline_metric_names(headlines, entry["experiment"].get<std::string>());
    nlohmann::json headline = nlohmann::json::object();
    for (const auto& [name, value] : entry["metrics"].items()) {
      if (names.empty() || std::find(names.begin(), names.end(), name) != names.end()) headline[name] = value;
    }
    entry["headline"] = headline;
  }
  return entries;
}

}  // namespace sonic::report
