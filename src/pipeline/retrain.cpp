#include "sonic/pipeline/retrain.hpp"

#include "sonic/pipeline/cluster_moods.hpp"
#include "sonic/pipeline/mood_classifier.hpp"
#include "sonic/pipeline/next_mood.hpp"
#include "sonic/pipeline/report.hpp"
#include "sonic/pipeline/summarize.hpp"
#include "sonic/pipeline/train_session.hpp"

#include <chrono>

namespace sonic::pipeline {
namespace {

nlohmann::json scores_figures(const mood::NextMoodScores& model, const mood::NextMoodScores& same) {
  nlohmann::json figures = {
      {"accuracy", model.accuracy}, {"macro_f1", model.macro_f1}, {"baseline_same_accuracy", same.accuracy}};
  if (model.roc_auc) figures["roc_auc"] = *model.roc_auc;
  return figures;
}

void mood_steps(StepRunner& steps, store::Database& db, const Home& home, const TimeZone& zone,
                const RetrainOptions& options) {
  steps.run("cluster", {}, [&] {
    ClusterRunOptions cluster;
    cluster.fit.seed = options.seed;
    cluster.fit.threads = options.threads;
    cluster.impute_artist = options.impute_artist;
    const auto report = cluster_moods(db, home, cluster);
    return nlohmann::json{
        {"k", report.k}, {"tracks", report.tracks_clustered}, {"without_features", report.tracks_without_features}};
  });
  if (options.mood_labels) {
    steps.run("mood-net", {}, [&] {
      TrainMoodOptions train;
      train.labels = *options.mood_labels;
      train.mlp.seed = options.seed;
      train.mlp.threads = options.threads;
      const auto report = train_mood(home, train);
      return nlohmann::json{{"cv_accuracy", report.cv ? report.cv->accuracy : 0.0},
                            {"cv_macro_f1", report.cv ? report.cv->pooled.macro_f1 : 0.0}};
    });
  } else {
    steps.skip("mood-net", "no labelled set (--labels FILE or SONIC_MOOD_LABELS); the last model is kept");
  }
  if (std::filesystem::exists(home.models() / "mood_net.json")) {
    // With the model on disk: a new one, or the last one when this run's training failed.
    steps.run("predict-mood", {}, [&] {
      const auto report = predict_history_moods(db, home);
      return nlohmann::json{{"tracks", report.tracks_labelled}, {"confidence", report.mean_confidence}};
    });
  } else {
    steps.skip("predict-mood", "no mood net yet");
  }
  for (const auto learner : {NextMoodLearner::net, NextMoodLearner::gbdt}) {
    steps.run(learner == NextMoodLearner::net ? "next-mood" : "mood-gbdt", {"cluster"}, [&] {
      TrainNextMoodOptions train;
      train.learner = learner;
      train.mlp.seed = train.gbdt.seed = options.seed;
      train.mlp.threads = train.gbdt.num_threads = options.threads;
      const auto report = train_next_mood(db, home, zone, train);
      return scores_figures(report.evaluation.model, report.evaluation.same_as_current);
    });
  }
}

void session_step(StepRunner& steps, store::Database& db, const Home& home, const TimeZone& zone,
                  const RetrainOptions& options) {
  steps.run("session", {}, [&] {
    session::SessionTrainingOptions train;
    train.window_days = options.session_window_days;
    train.seed = options.seed;
    train.threads = options.threads;
    const auto result = train_session(db, home, zone, train);
    const auto& evaluation = result.training.evaluation;
    return nlohmann::json{{"roc_auc", evaluation.model.roc_auc},
                          {"pr_auc", evaluation.model.pr_auc},
                          {"baseline_roc_auc", evaluation.hour_of_week.roc_auc},
                          {"rounds", result.training.best_round}};
  });
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
  mood_steps(steps, db, home, zone, options);
  session_step(steps, db, home, zone, options);
  insight_steps(steps, db, home, zone, options);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace sonic::pipeline
