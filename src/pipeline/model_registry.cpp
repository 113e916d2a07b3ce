#include "sonic/pipeline/model_registry.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "pipeline/model_predictors.hpp"
#include "sonic/pipeline/cluster_moods.hpp"
#include "sonic/pipeline/mood_classifier.hpp"
#include "sonic/pipeline/next_mood.hpp"
#include "sonic/pipeline/next_mood_choice.hpp"
#include "sonic/pipeline/train_session.hpp"
#include "sonic/mood/mood_clusters.hpp"
#include "sonic/mood/mood_net.hpp"
#include "sonic/mood/next_mood_choice.hpp"
#include "sonic/mood/next_mood_gbdt.hpp"
#include "sonic/session/session_model_file.hpp"

namespace sonic::pipeline {
namespace {

nlohmann::json cluster_step(const ModelContext& context, const RetrainOptions& options) {
  ClusterRunOptions cluster;
  cluster.fit.seed = options.seed;
  cluster.fit.threads = options.threads;
  cluster.impute_artist = options.impute_artist;
  cluster.min_confidence = options.min_confidence;
  const auto report = cluster_moods(context.db, context.home, cluster);
  nlohmann::json figures = {{"k", report.k},
                            {"tracks", report.tracks_clustered},
                            {"without_features", report.tracks_without_features},
                            {"propagated", report.tracks_propagated},
                            {"mood_coverage", report.coverage.covered_share()}};
  for (const auto& [source, ms] : report.coverage.ms_by_source)
    figures["coverage_" + source] = report.coverage.share(source);
  return figures;
}

std::string without_labels(const ModelContext&, const RetrainOptions& options) {
  return options.mood_labels ? "" : "no labelled set (--labels FILE or SONIC_MOOD_LABELS); the last model is kept";
}

nlohmann::json mood_net_step(const ModelContext& context, const RetrainOptions& options) {
  TrainMoodOptions train;
  train.labels = *options.mood_labels;
  train.mlp.seed = options.seed;
  train.mlp.threads = options.threads;
  const auto report = train_mood(context.home, train);
  return {{"cv_accuracy", report.cv ? report.cv->accuracy : 0.0},
          {"cv_macro_f1", report.cv ? report.cv->pooled.macro_f1 : 0.0}};
}

// With the model on disk: a new one, or the last one when this run's training failed.
std::string without_mood_net(const ModelContext& context, const RetrainOptions&) {
  return std::filesystem::exists(mood::kMoodNet.path(context.home)) ? "" : "no mood net yet";
}

nlohmann::json predict_mood_step(const ModelContext& context, const RetrainOptions&) {
  const auto report = predict_history_moods(context.db, context.home);
  return {{"tracks", report.tracks_labelled}, {"confidence", report.mean_confidence}};
}

template <NextMoodLearner learner>
nlohmann::json next_mood_step(const ModelContext& context, const RetrainOptions& options) {
  TrainNextMoodOptions train;
  train.learner = learner;
  train.mlp.seed = train.gbdt.seed = options.seed;
  train.mlp.threads = train.gbdt.num_threads = options.threads;
  const auto report = train_next_mood(context.db, context.home, context.zone, train);
  const auto& model = report.evaluation.model;
  nlohmann::json figures = {{"accuracy", model.accuracy},
                            {"macro_f1", model.macro_f1},
                            {"baseline_same_accuracy", report.evaluation.same_as_current.accuracy}};
  if (model.roc_auc) figures["roc_auc"] = *model.roc_auc;
  return figures;
}

// The shipped next-mood predictor, chosen after both learners trained; the text line shows every
// candidate's test accuracy / macro-F1 / log-loss beside the chosen one's.
nlohmann::json next_mood_choice_step(const ModelContext& context, const RetrainOptions& options) {
  ChooseNextMoodOptions choose;
  choose.seed = options.seed;
  choose.threads = options.threads;
  const auto result = choose_next_mood(context.db, context.home, context.zone, choose);
  // The shipped figures: labels under the decision rule (its exponent beside them), then the plain argmax's.
  const auto& chosen = result.evaluation.model;
  nlohmann::json figures = {{"chosen", result.selection.chosen},
                            {"accuracy", chosen.accuracy},
                            {"macro_f1", chosen.macro_f1},
                            {"log_loss", chosen.log_loss},
                            {"prior_exponent", result.rule.prior_exponent},
                            {"stay_bonus", result.rule.stay_bonus},
                            {"accuracy_plain_argmax", result.plain_argmax.accuracy},
                            {"macro_f1_plain_argmax", result.plain_argmax.macro_f1},
                            {"candidates", to_json(result)["candidates"]}};
  for (const auto& outcome : result.selection.candidates) {
    figures["test_" + outcome.id] =
        fmt::format("{:.3f}/{:.3f}/{:.3f}", outcome.test.accuracy, outcome.test.macro_f1, outcome.test.log_loss);
  }
  return figures;
}

nlohmann::json session_step(const ModelContext& context, const RetrainOptions& options) {
  session::SessionTrainingOptions train;
  train.window_days = options.session_window_days;
  train.seed = options.seed;
  train.threads = options.threads;
  const auto result = train_session(context.db, context.home, context.zone, train);
  const auto& evaluation = result.training.evaluation;
  return {{"roc_auc", evaluation.model.roc_auc},
          {"pr_auc", evaluation.model.pr_auc},
          {"brier", evaluation.model.brier},
          {"baseline_roc_auc", evaluation.hour_of_week.roc_auc},
          {"baseline_pr_auc", evaluation.hour_of_week.pr_auc},
          {"baseline_brier", evaluation.hour_of_week.brier},
          {"baseline_all_roc_auc", evaluation.hour_of_week_all.roc_auc},
          {"rounds", result.training.best_round}};
}

const std::vector<ModelEntry>& entries() {
  static const std::vector<ModelEntry> kEntries = {
      {mood::kMoodClusters, {{"cluster", {}, nullptr, cluster_step}}, load_mood_clusters_predictor},
      {mood::kMoodNet,
       {{"mood-net", {}, without_labels, mood_net_step}, {"predict-mood", {}, without_mood_net, predict_mood_step}},
       load_mood_predictor},
      {mood::kNextMoodNet,
       {{"next-mood", {"cluster"}, nullptr, next_mood_step<NextMoodLearner::net>}},
       load_next_mood_predictor},
      {mood::kNextMoodGbdt, {{"mood-gbdt", {"cluster"}, nullptr, next_mood_step<NextMoodLearner::gbdt>}}},
      {mood::kNextMoodChoice, {{"next-mood-choice", {"cluster"}, nullptr, next_mood_choice_step}}},
      {session::kSessionStart, {{"session", {}, nullptr, session_step}}, load_session_predictor},
      {kRecommendations, {}, load_recommend_predictor},
      {kPlaylists, {}, load_playlist_predictor},
  };
  return kEntries;
}

}  // namespace

tracking::ModelFile ModelEntry::load(const Home& home) const {
  return tracking::load_model_file(kind.path(home), kind.format, kind.version, kind.how_to_make());
}

std::span<const ModelEntry> model_registry() { return entries(); }

std::string experiment_names() {
  std::string names;
  for (const auto& entry : entries()) {
    if (entry.has_file()) names += (names.empty() ? "" : ", ") + std::string(entry.kind.experiment);
  }
  return names;
}

tracking::HeadlineMetrics headline_metrics() {
  tracking::HeadlineMetrics headlines;
  for (const auto& entry : entries()) {
    if (!entry.has_file()) continue;  // derived from the store: no runs
    headlines[std::string(entry.kind.experiment)] = {entry.kind.headline_metrics.begin(),
                                                     entry.kind.headline_metrics.end()};
  }
  return headlines;
}

const ModelEntry* find_model(std::string_view name) {
  const auto& all = entries();
  const auto found =
      std::find_if(all.begin(), all.end(), [&](const ModelEntry& entry) { return entry.kind.name == name; });
  return found == all.end() ? nullptr : &*found;
}

}  // namespace sonic::pipeline
