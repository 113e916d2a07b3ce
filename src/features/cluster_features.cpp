#include "sonic/features/cluster_features.hpp"

#include <algorithm>

namespace sonic::features {

std::optional<ClusterVector> cluster_vector(const records::AudioFeatures& features) {
  using records::AudioFeature;
  const std::array<AudioFeature, kClusterFeatureCount> order = {
      AudioFeature::valence,      AudioFeature::energy,           AudioFeature::danceability,
      AudioFeature::acousticness, AudioFeature::instrumentalness, AudioFeature::tempo};
  ClusterVector vector;
  for (int i = 0; i < kClusterFeatureCount; ++i) {
    const auto& value = features[order[static_cast<std::size_t>(i)]];
    if (!value) return std::nullopt;
    vector(i) = *value;
  }
  vector(kClusterFeatureCount - 1) = std::min(vector(kClusterFeatureCount - 1) / kTempoScaleBpm, 1.0);
  return vector;
}

}  // namespace sonic::features
