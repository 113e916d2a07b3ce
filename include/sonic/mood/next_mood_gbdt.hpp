#pragma once
// The next track's mood with gradient-boosted trees (`sonic train mood-gbdt`): the same dataset,
// split and evaluation as the mood net (next_mood.hpp), so the two can be compared row for row.
#include <filesystem>

#include "sonic/ml/gbdt/model.hpp"
#include "sonic/ml/gbdt/params.hpp"
#include "sonic/mood/next_mood.hpp"
#include "sonic/tracking/model_kinds.hpp"

namespace sonic::mood {

// The next-mood boosted trees as a kind of model (see tracking/model_kinds.hpp).
inline constexpr tracking::ModelKind kNextMoodGbdt{
    "mood-gbdt", "mood-gbdt",        "next_mood_gbdt.json",  "sonic-next-mood-gbdt",
    1,           kNextMoodHeadlines, "sonic train mood-gbdt"};

// Softmax over the clusters, 300 rounds at most with early stopping after 20 rounds without a
// better validation loss, depth 4 (shallower than XGBoost's 6: a few thousand rows), eta 0.1.
ml::GbdtParams next_mood_gbdt_defaults(int clusters);

struct NextMoodGbdtTraining {
  ml::GbdtModel model;
  NextMoodEvaluation evaluation;
};

NextMoodGbdtTraining train_next_mood_gbdt(const features::NextMoodDataset& data, int clusters, ml::GbdtParams params);
// On a given split (next_mood.hpp's selection_split): trained on its training rows, stopped early
// on its validation rows.
ml::GbdtModel train_next_mood_gbdt(const features::NextMoodDataset& data, const TimeSplit& split, int clusters,
                                   ml::GbdtParams params);

void save_next_mood_gbdt(const std::filesystem::path& path, const ml::GbdtModel& model,
                         const tracking::ModelFileInfo& info);
ml::GbdtModel load_next_mood_gbdt(const std::filesystem::path& path, int clusters,
                                  tracking::ModelFileInfo* info = nullptr);

}  // namespace sonic::mood
