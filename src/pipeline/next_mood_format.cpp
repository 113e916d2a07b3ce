// The next-mood model's figures and predictions, as JSON or as text for a person.
#include "sonic/pipeline/next_mood_format.hpp"

#include <fmt/format.h>

#include "sonic/core/utc_time.hpp"
#include "sonic/report/text_cell.hpp"

namespace sonic::pipeline {
namespace {

nlohmann::json scores_json(const mood::NextMoodScores& scores) {
  return {{"accuracy", scores.accuracy},
          {"macro_f1", scores.macro_f1},
          {"roc_auc", scores.roc_auc ? nlohmann::json(*scores.roc_auc) : nlohmann::json()}};
}

std::string scores_line(const char* name, const mood::NextMoodScores& scores) {
  return fmt::format("  {:<26} {:>8.3f} {:>9.3f} {:>8}\n", name, scores.accuracy, scores.macro_f1,
                     scores.roc_auc ? fmt::format("{:.3f}", *scores.roc_auc) : "-");
}

std::string local_text(std::int64_t ms, const TimeZone& zone) {
  const auto local = zone.local(ms);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", local.year, local.month, local.day, local.hour, local.minute);
}

}  // namespace

nlohmann::json to_json(const TrainNextMoodResult& report) {
  const auto& evaluation = report.evaluation;
  const auto& learner = learner_info(report.learner);
  return {
      {"learner", learner.name},
      {"clusters", report.cluster_labels},
      {"rows",
       {{"train", evaluation.train_rows}, {"validation", evaluation.validation_rows}, {"test", evaluation.test_rows}}},
      {"test_from", format_iso8601_utc(evaluation.test_from_ms)},
      {"data", {{"from", format_iso8601_utc(report.data_from_ms)}, {"to", format_iso8601_utc(report.data_to_ms)}}},
      {"metrics", scores_json(evaluation.model)},
      {"baselines",
       {{"most_frequent", scores_json(evaluation.most_frequent)},
        {"same_as_current", scores_json(evaluation.same_as_current)}}},
      {std::string(learner.step) + "s", report.epochs},
      {std::string("best_") + learner.step, report.best_epoch},
      {"compared_with", report.other_learner ? *report.other_learner : nlohmann::json()},
      {"run_id", report.run_id},
      {"model", report.model_path.string()},
      {"seconds", report.seconds}};
}

std::string to_text(const TrainNextMoodResult& report) {
  const auto& evaluation = report.evaluation;
  std::string text =
      fmt::format("Next-track mood over {} clusters: {} examples to train, {} to stop early, {} to test (from {}).\n\n",
                  report.cluster_labels.size(), evaluation.train_rows, evaluation.validation_rows, evaluation.test_rows,
                  format_iso8601_utc(evaluation.test_from_ms).substr(0, 10));
  text += "                             accuracy  macro-F1  ROC-AUC\n";
  const auto& learner = learner_info(report.learner);
  text += scores_line(learner.name, evaluation.model);
  text += scores_line("most frequent cluster", evaluation.most_frequent);
  text += scores_line("same as the current track", evaluation.same_as_current);
  if (report.other_learner) {
    const auto& other = *report.other_learner;
    const auto auc = other.value("test_roc_auc", nlohmann::json());
    text += fmt::format("  {:<26} {:>8.3f} {:>9.3f} {:>8}  (its last training)\n", other.value("learner", "other"),
                        other.value("test_accuracy", 0.0), other.value("test_macro_f1", 0.0),
                        auc.is_number() ? fmt::format("{:.3f}", auc.get<double>()) : "-");
  }
  text += fmt::format("\nBest {} {} of {}. Model: {} (run {})\n", learner.step, report.best_epoch, report.epochs,
                      report.model_path.string(), report.run_id);
  return text;
}

namespace {

// The predictor's id (mood/next_mood_choice.hpp) in words.
std::string predictor_words(const std::string& id) {
  if (id == "net") return "mood net";
  if (id == "gbdt") return "boosted trees";
  if (id == "transition") return "transition model";
  if (id == "transition_time_of_day") return "transition model by time of day";
  if (id == "same_as_current") return "same as the current track";
  if (id == "most_frequent") return "most frequent mood";
  if (id == "stay_transition") return "transition model leaning to the current mood";
  return "blend of the models";
}

}  // namespace

nlohmann::json to_json(const NextMoodPrediction& prediction, const TimeZone& zone) {
  nlohmann::json probabilities = nlohmann::json::array();
  for (const auto& [label, probability] : prediction.probabilities) {
    probabilities.push_back({{"cluster", label}, {"probability", probability}});
  }
  return {{"session_start", format_iso8601_utc(prediction.session_start_ms)},
          {"session_start_local", local_text(prediction.session_start_ms, zone)},
          {"last_listen", format_iso8601_utc(prediction.last_listen_ms)},
          {"last_track", prediction.last_track},
          {"current_cluster", prediction.current_label},
          {"predictor", prediction.predictor},
          {"predicted", prediction.predicted_label},
          {"prior_exponent", prediction.prior_exponent},
          {"stay_bonus", prediction.stay_bonus},
          {"next", probabilities}};
}

std::string to_text(const NextMoodPrediction& prediction, const TimeZone& zone) {
  std::string text =
      fmt::format("Latest session, started {}; last track {} ({}).\nNext track's mood ({}):\n",
                  local_text(prediction.session_start_ms, zone), report::terminal_safe(prediction.last_track),
                  prediction.current_label, predictor_words(prediction.predictor));
  for (const auto& [label, probability] : prediction.probabilities) {
    text += fmt::format("  {:>5.1f}%  {}\n", 100 * probability, report::terminal_safe(label));
  }
  if (prediction.prior_exponent > 0 || prediction.stay_bonus > 0) {
    text += fmt::format(
        "Predicted: {} (each mood's probability weighed against how common it is, exponent {:.1f}, and the current "
        "mood's raised by e^{:.1f})\n",
        report::terminal_safe(prediction.predicted_label), prediction.prior_exponent, prediction.stay_bonus);
  } else {
    text += fmt::format("Predicted: {}\n", report::terminal_safe(prediction.predicted_label));
  }
  return text;
}

}  // namespace sonic::pipeline
