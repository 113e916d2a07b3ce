#pragma once
// Loading either next-mood model (net or trees): the envelope, the feature names the current
// clustering implies, then the algorithm's own JSON.
#include "sonic/features/next_mood_dataset.hpp"
#include "sonic/tracking/model_file.hpp"
#include "sonic/tracking/model_kinds.hpp"

namespace sonic::mood {

template <typename FromJson>
auto load_next_mood_model(const std::filesystem::path& path, int clusters, const tracking::ModelKind& kind,
                          FromJson from_json, tracking::ModelFileInfo* info) {
  const auto file = tracking::load_model_file(path, kind.format, kind.version, kind.how_to_make());
  const auto expected = features::next_mood_feature_names(clusters);
  return tracking::reading_model_file(path, [&] {
    file.reader().require_feature_names(file.info.feature_names, expected);
    auto model = from_json(file.model(), expected);
    if (info) *info = file.info;
    return model;
  });
}

}  // namespace sonic::mood
