// `sonic train session`'s output: the window and split, the held-out scores of the model and its
// baselines side by side, and the calibration table.
#include <fmt/format.h>

#include "sonic/core/utc_time.hpp"
#include "sonic/report/session_training_report.hpp"

namespace sonic::report {
namespace {

nlohmann::json calibration_json(const std::vector<ml::CalibrationBin>& table) {
  nlohmann::json bins = nlohmann::json::array();
  for (const auto& bin : table) {
    bins.push_back({{"lower", bin.lower},
                    {"upper", bin.upper},
                    {"count", bin.count},
                    {"mean_predicted", bin.mean_predicted},
                    {"observed_rate", bin.observed_rate}});
  }
  return bins;
}

std::string scores_line(const char* name, const session::SessionScores& scores) {
  return fmt::format("  {:<14}{:>9.3f}{:>9.3f}{:>10.3f}{:>8.3f}\n", name, scores.roc_auc, scores.pr_auc,
                     scores.log_loss, scores.brier);
}

}  // namespace

nlohmann::json to_json(const SessionTrainingResult& report) {
  const session::SessionTraining& t = report.training;
  return {
      {"model", report.model_path.string()},
      {"run_id", report.run_id},
      {"time_zone", report.time_zone},
      {"window",
       {{"from", format_iso8601_utc(t.window.from_ms)},
        {"to", format_iso8601_utc(t.window.to_ms)},
        {"days", t.window.days()}}},
      {"hours", {{"fit", t.split.fit}, {"validation", t.split.validation}, {"test", t.split.test}}},
      {"start_hours", {{"fit", t.fit_positives}, {"validation", t.validation_positives}, {"test", t.test_positives}}},
      {"rounds", t.best_round},
      {"recency_half_life_days", t.recency_half_life_days},
      {"metrics", session::to_json(t.evaluation.model)},
      {"baselines",
       {{"hour_of_week", session::to_json(t.evaluation.hour_of_week)},
        {"hour_of_week_all", session::to_json(t.evaluation.hour_of_week_all)},
        {"always_no", session::to_json(t.evaluation.always_no)}}},
      {"calibration", calibration_json(t.evaluation.calibration)}};
}

std::string to_text(const SessionTrainingResult& report) {
  const session::SessionTraining& t = report.training;
  std::string text = fmt::format(
      "Session model: {} local hours ({}) from {} to {}\n"
      "  {} to learn from, {} to stop early, the last {} held out ({} of them started a session)\n\n",
      t.window.hour_starts_ms.size(), report.time_zone, format_iso8601_utc(t.window.from_ms).substr(0, 10),
      format_iso8601_utc(t.window.to_ms).substr(0, 10), t.split.fit, t.split.validation, t.split.test,
      t.test_positives);
  text += fmt::format("  {:<14}{:>9}{:>9}{:>10}{:>8}\n", "held out", "ROC-AUC", "PR-AUC", "log-loss", "Brier");
  text += scores_line("model", t.evaluation.model);
  text += scores_line("hour of week", t.evaluation.hour_of_week);  // its table from the last 90 days
  text += scores_line("hour/week all", t.evaluation.hour_of_week_all);
  text += scores_line("always no", t.evaluation.always_no);
  text += "\n  calibration     hours  predicted  observed\n";
  for (const auto& bin : t.evaluation.calibration) {
    text += fmt::format("  {:.1f}–{:.1f}   {:>10}  {:>9.3f}  {:>8.3f}\n", bin.lower, bin.upper, bin.count,
                        bin.mean_predicted, bin.observed_rate);
  }
  text +=
      fmt::format("\n{} rounds kept. Saved to {} (run {})\n", t.best_round, report.model_path.string(), report.run_id);
  return text;
}

}  // namespace sonic::report
