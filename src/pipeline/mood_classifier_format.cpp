// The mood classifier's figures, as one JSON object or as text for a person.
#include "sonic/pipeline/mood_classifier_format.hpp"

#include <fmt/format.h>

#include "sonic/report/text_cell.hpp"

namespace sonic::pipeline {

nlohmann::json to_json(const TrainMoodResult& report) {
  nlohmann::json json = {{"rows", report.rows},         {"classes", report.classes},
                         {"features", report.features}, {"ensemble", report.members},
                         {"epochs", report.epochs},     {"final_train_loss", report.final_train_loss},
                         {"run_id", report.run_id},     {"model", report.model_path.string()},
                         {"seconds", report.seconds},   {"cross_validation", nullptr}};
  if (report.cv) {
    nlohmann::json per_class = nlohmann::json::object();
    for (std::size_t c = 0; c < report.classes.size(); ++c) {
      const auto& scores = report.cv->pooled.classes[c];
      per_class[report.classes[c]] = {
          {"f1", scores.f1}, {"precision", scores.precision}, {"recall", scores.recall}, {"support", scores.support}};
    }
    json["cross_validation"] = {{"folds", report.cv->folds},
                                {"accuracy", report.cv->accuracy},
                                {"accuracy_std", report.cv->accuracy_std},
                                {"fold_accuracy", report.cv->fold_accuracy},
                                {"macro_f1", report.cv->pooled.macro_f1},
                                {"per_class", per_class}};
  }
  return json;
}

std::string to_text(const TrainMoodResult& report) {
  std::string text =
      fmt::format("Mood net ({} {}) trained on {} labelled tracks ({} classes, {} features, {} epochs).\n",
                  report.members, report.members == 1 ? "net" : "nets averaged", report.rows, report.classes.size(),
                  report.features.size(), report.epochs);
  if (report.cv) {
    text += fmt::format("{}-fold cross-validated accuracy: {:.1f}% (± {:.1f}), macro-F1 {:.3f}\n\n", report.cv->folds,
                        100 * report.cv->accuracy, 100 * report.cv->accuracy_std, report.cv->pooled.macro_f1);
    text += "  mood                    F1  precision  recall  tracks\n";
    for (std::size_t c = 0; c < report.classes.size(); ++c) {
      const auto& scores = report.cv->pooled.classes[c];
      text += fmt::format("  {:<20}  {:.3f}      {:.3f}   {:.3f}  {:>6}\n", report::terminal_safe(report.classes[c]),
                          scores.f1, scores.precision, scores.recall, scores.support);
    }
    text += "\n";
  }
  text += fmt::format("Model: {} (run {})\n", report.model_path.string(), report.run_id);
  return text;
}

nlohmann::json to_json(const PredictMoodResult& report) {
  return {{"model_id", report.model_id},
          {"tracks_labelled", report.tracks_labelled},
          {"tracks_lacking_features", report.tracks_lacking_features},
          {"tracks_by_mood", report.tracks_by_mood},
          {"mean_confidence", report.mean_confidence}};
}

std::string to_text(const PredictMoodResult& report) {
  std::string text = fmt::format("{} tracks labelled (mean confidence {:.0f}%):\n", report.tracks_labelled,
                                 100 * report.mean_confidence);
  for (const auto& [mood, count] : report.tracks_by_mood) {
    text += fmt::format("  {:<20} {:>7}\n", report::terminal_safe(mood), count);
  }
  if (report.tracks_lacking_features > 0) {
    text += fmt::format("{} tracks lack the model's features and have no mood (sonic enrich, sonic import-features).\n",
                        report.tracks_lacking_features);
  }
  return text;
}

nlohmann::json to_json(const MoodProbabilities& result) {
  return {{"subject", result.subject}, {"mood", result.mood}, {"probabilities", result.probabilities}};
}

std::string to_text(const MoodProbabilities& result) {
  std::string text = fmt::format("{}: {}\n", report::terminal_safe(result.subject), report::terminal_safe(result.mood));
  for (const auto& [mood, probability] : result.probabilities) {
    text += fmt::format("  {:<20} {:>5.1f}%\n", report::terminal_safe(mood), 100 * probability);
  }
  return text;
}

}  // namespace sonic::pipeline
