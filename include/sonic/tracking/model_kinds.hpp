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

// The table: name, experiment, file, format, version, headline metrics, the command that makes it.
// clang-format off
inline constexpr ModelKind kMoodClusters{"mood-clusters", "mood-clusters", "mood_clusters.json",
                                         "sonic-mood-clusters", 1, headlines::kMoodClusters, "sonic cluster"};
inline constexpr ModelKind kMoodNet{"mood", "mood", "mood_net.json",
                                    "sonic-mood-net", 1, headlines::kMoodNet, "sonic train mood"};
inline constexpr ModelKind kNextMoodNet{"next-mood", "next-mood", "next_mood.json",
                                        "sonic-next-mood-net", 1, headlines::kNextMood, "sonic train next-mood"};
inline constexpr ModelKind kNextMoodGbdt{"mood-gbdt", "mood-gbdt", "next_mood_gbdt.json",
                                         "sonic-next-mood-gbdt", 1, headlines::kNextMood, "sonic train mood-gbdt"};
inline constexpr ModelKind kSessionStart{"session", "session", "session.json",
                                         "sonic-session-gbdt", 1, headlines::kSession, "sonic train session"};
// clang-format on

// Every kind, in the order `sonic retrain` trains them.
inline constexpr std::array<const ModelKind*, 5> kModelKinds = {&kMoodClusters, &kMoodNet, &kNextMoodNet,
                                                                &kNextMoodGbdt, &kSessionStart};

// "mood-clusters, mood, next-mood, mood-gbdt, session": for help texts.
inline std::string experiment_names() {
  std::string names;
  for (const ModelKind* kind : kModelKinds) names += (names.empty() ? "" : ", ") + std::string(kind->experiment);
  return names;
}

}  // namespace sonic::tracking
