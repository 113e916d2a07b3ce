#pragma once
// The kinds of model sonic trains, one row each: the static facts every layer from the domain
// models up reads — the name (`sonic train <name>`), the MLflow experiment its runs go to, the
// file under <home>/models/, the file's format name and version, the headline metrics `sonic
// runs` and the report show, and the command that makes the file. How each one is trained,
// loaded and asked is in pipeline/model_registry.hpp, whose entries point at these rows.
// A new model adds its row here (see docs/adding-a-model.md).
#include <array>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "sonic/core/home.hpp"

namespace sonic::tracking {

struct ModelKind {
  std::string_view name;                               // `sonic train <name>`, `sonic predict <name>`
  std::string_view experiment;                         // MLflow experiment of its runs
  std::string_view file;                               // under <home>/models/
  std::string_view format;                             // the model file's "format"
  int version = 1;                                     // the newest "version" this sonic writes and reads
  std::span<const std::string_view> headline_metrics;  // the few that say how good it is, in order
  std::string_view make_command;                       // what writes the file, e.g. "sonic train mood"

  std::filesystem::path path(const Home& home) const { return home.models() / file; }
  // "run `sonic train mood`": what a loader says when the file is missing.
  std::string how_to_make() const { return "run `" + std::string(make_command) + "`"; }
};

namespace headlines {
inline constexpr std::string_view kMoodClusters[] = {"k", "silhouette_chosen", "tracks_clustered",
                                                     "tracks_without_features"};
inline constexpr std::string_view kMoodNet[] = {"cv_accuracy", "cv_macro_f1"};
// The net and the boosted trees are judged alike, on one dataset and split.
inline constexpr std::string_view kNextMood[] = {"test_accuracy", "test_macro_f1", "test_roc_auc",
                                                 "baseline_same_as_current_accuracy"};
inline constexpr std::string_view kSession[] = {"roc_auc", "hour_of_week_roc_auc", "pr_auc", "brier"};
}  // namespace headlines

inline constexpr ModelKind kMoodClusters{.name = "mood-clusters",
                                         .experiment = "mood-clusters",
                                         .file = "mood_clusters.json",
                                         .format = "sonic-mood-clusters",
                                         .version = 1,
                                         .headline_metrics = headlines::kMoodClusters,
                                         .make_command = "sonic cluster"};
inline constexpr ModelKind kMoodNet{.name = "mood",
                                    .experiment = "mood",
                                    .file = "mood_net.json",
                                    .format = "sonic-mood-net",
                                    .version = 1,
                                    .headline_metrics = headlines::kMoodNet,
                                    .make_command = "sonic train mood"};
inline constexpr ModelKind kNextMoodNet{.name = "next-mood",
                                        .experiment = "next-mood",
                                        .file = "next_mood.json",
                                        .format = "sonic-next-mood-net",
                                        .version = 1,
                                        .headline_metrics = headlines::kNextMood,
                                        .make_command = "sonic train next-mood"};
inline constexpr ModelKind kNextMoodGbdt{.name = "mood-gbdt",
                                         .experiment = "mood-gbdt",
                                         .file = "next_mood_gbdt.json",
                                         .format = "sonic-next-mood-gbdt",
                                         .version = 1,
                                         .headline_metrics = headlines::kNextMood,
                                         .make_command = "sonic train mood-gbdt"};
inline constexpr ModelKind kSessionStart{.name = "session",
                                         .experiment = "session",
                                         .file = "session.json",
                                         .format = "sonic-session-gbdt",
                                         .version = 1,
                                         .headline_metrics = headlines::kSession,
                                         .make_command = "sonic train session"};

// Every kind, in the order `sonic retrain` trains them.
inline constexpr std::array<const ModelKind*, 5> kModelKinds = {&kMoodClusters, &kMoodNet, &kNextMoodNet,
                                                                &kNextMoodGbdt, &kSessionStart};

// The kind whose runs go to `experiment`; nullptr for one sonic does not know.
constexpr const ModelKind* model_kind_of_experiment(std::string_view experiment) {
  for (const ModelKind* kind : kModelKinds) {
    if (kind->experiment == experiment) return kind;
  }
  return nullptr;
}

// "mood-clusters, mood, next-mood, mood-gbdt, session": for help texts.
inline std::string experiment_names() {
  std::string names;
  for (const ModelKind* kind : kModelKinds) names += (names.empty() ? "" : ", ") + std::string(kind->experiment);
  return names;
}

}  // namespace sonic::tracking
