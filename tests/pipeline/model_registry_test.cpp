// The model registry: one kind per model, spelled once, with an entry each in retrain's order.
#include "sonic/pipeline/model_registry.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "pipeline/model_predictors.hpp"
#include "sonic/mood/mood_clusters.hpp"
#include "sonic/mood/mood_net.hpp"
#include "sonic/mood/next_mood_choice.hpp"
#include "sonic/mood/next_mood_gbdt.hpp"
#include "sonic/report/runs_table.hpp"
#include "sonic/session/session_model_file.hpp"
#include "support/temp_dir.hpp"

namespace sonic::pipeline {
namespace {

TEST(ModelKinds, NamesExperimentsFilesAndFormatsAreEachUsedOnce) {
  std::set<std::string_view> names, experiments, files, formats;
  for (const auto& entry : model_registry()) {
    const auto* kind = &entry.kind;
    EXPECT_TRUE(names.insert(kind->name).second) << kind->name;
    EXPECT_TRUE(formats.insert(kind->format).second) << kind->name;
    EXPECT_GE(kind->version, 1) << kind->name;
    if (!entry.has_file()) continue;  // below: the entries derived from the store
    EXPECT_TRUE(experiments.insert(kind->experiment).second) << kind->name;
    EXPECT_TRUE(files.insert(kind->file).second) << kind->name;
    EXPECT_FALSE(kind->headline_metrics.empty()) << kind->name;
  }
}

// Recommendations and playlists are registry entries too, so `sonic serve` answers them like any
// model; but they are derived from the store at each answer: no file, runs or retrain step.
TEST(ModelRegistry, RecommendAndPlaylistAreEntriesWithoutAFile) {
  testing::TempDir dir;
  const Home home{dir.path(), dir / "sonic.db"};
  std::vector<std::string> derived;
  for (const auto& entry : model_registry()) {
    if (entry.has_file()) continue;
    derived.emplace_back(entry.kind.name);
    EXPECT_TRUE(entry.kind.experiment.empty()) << entry.kind.name;
    EXPECT_TRUE(entry.retrain.empty()) << entry.kind.name;
    EXPECT_FALSE(entry.trained(home)) << entry.kind.name;
    ASSERT_NE(entry.load_predictor, nullptr) << entry.kind.name;
    // Loads from an empty home: there is nothing to read until a row is asked.
    const auto predictor = entry.load_predictor(home);
    EXPECT_EQ(predictor->model_id(), std::string(entry.kind.format) + "/1");
    EXPECT_TRUE(predictor->reads_store());
    for (const auto& input : predictor->inputs()) EXPECT_FALSE(input.required) << input.name;
  }
  EXPECT_EQ(derived, (std::vector<std::string>{"recommend", "playlist"}));
  EXPECT_EQ(find_model("playlist")->kind.format, "sonic-playlist");
}

TEST(ModelKinds, SonicRunsShowsEachKindsHeadlineMetrics) {
  const auto headlines = headline_metrics();
  for (const auto& entry : model_registry()) {
    const auto* kind = &entry.kind;
    const std::vector<std::string> expected(kind->headline_metrics.begin(), kind->headline_metrics.end());
    EXPECT_EQ(report::headline_metric_names(headlines, std::string(kind->experiment)), expected) << kind->name;
  }
  EXPECT_EQ(report::headline_metric_names(headlines, "mood"), (std::vector<std::string>{"cv_accuracy", "cv_macro_f1"}));
  EXPECT_TRUE(report::headline_metric_names(headlines, "no-such-experiment").empty());
  EXPECT_EQ(experiment_names(), "mood-clusters, mood, next-mood, mood-gbdt, next-mood-choice, session");
}

TEST(ModelRegistry, HasOneEntryPerKindInRetrainsOrder) {
  const auto registry = model_registry();
  ASSERT_EQ(registry.size(), 8u);
  EXPECT_EQ(&registry[0].kind, &mood::kMoodClusters);
  EXPECT_EQ(&registry[1].kind, &mood::kMoodNet);
  EXPECT_EQ(&registry[2].kind, &mood::kNextMoodNet);
  EXPECT_EQ(&registry[3].kind, &mood::kNextMoodGbdt);
  EXPECT_EQ(&registry[4].kind, &mood::kNextMoodChoice);
  EXPECT_EQ(&registry[5].kind, &session::kSessionStart);
  EXPECT_EQ(&registry[6].kind, &kRecommendations);
  EXPECT_EQ(&registry[7].kind, &kPlaylists);
  ASSERT_NE(find_model("mood-gbdt"), nullptr);
  EXPECT_EQ(find_model("mood-gbdt")->kind.file, "next_mood_gbdt.json");
  EXPECT_EQ(find_model("no-such-model"), nullptr);
}

TEST(ModelRegistry, RetrainStepsComeInTheirDocumentedOrder) {
  std::vector<std::string> steps;
  for (const auto& model : model_registry()) {
    for (const auto& step : model.retrain) {
      steps.emplace_back(step.name);
      EXPECT_NE(step.run, nullptr) << step.name;
    }
  }
  EXPECT_EQ(steps, (std::vector<std::string>{"cluster", "mood-net", "predict-mood", "next-mood", "mood-gbdt",
                                             "next-mood-choice", "session"}));
}

TEST(ModelRegistry, LoadingAModelNotTrainedYetSaysWhichCommandMakesIt) {
  testing::TempDir dir;
  const Home home{dir.path(), dir / "sonic.db"};
  for (const auto& model : model_registry()) {
    if (!model.has_file()) continue;
    EXPECT_FALSE(model.trained(home));
    try {
      model.load(home);
      ADD_FAILURE() << model.kind.name << " loaded from nothing";
    } catch (const InputError& error) {
      const std::string message = error.what();
      EXPECT_NE(message.find(model.kind.path(home).string()), std::string::npos) << message;
      EXPECT_NE(message.find(std::string(model.kind.make_command)), std::string::npos) << message;
    }
  }
}

}  // namespace
}  // namespace sonic::pipeline
