#include "sonic/features/cluster_features.hpp"

#include <algorithm>

namespace sonic::features {

namespace {

using records::AudioFeature;
// kClusterFeatureNames' order.
constexpr std::array<AudioFeature, kClusterFeatureCount> kOrder = {
    AudioFeature::valence,      AudioFeature::energy,           AudioFeature::danceability,
    AudioFeature::acousticness, AudioFeature::instrumentalness, AudioFeature::tempo};

}  // namespace

std::optional<ClusterVector> cluster_vector(const records::AudioFeatures& features) {
  const auto& order = kOrder;
  ClusterVector vector;
  for (int i = 0; i < kClusterFeatureCount; ++i) {
    const auto& value = features[order[static_cast<std::size_t>(i)]];
    if (!value) return std::nullopt;
    vector(i) = *value;
  }
  vector(kClusterFeatureCount - 1) = std::min(vector(kClusterFeatureCount - 1) / kTempoScaleBpm, 1.0);
  return vector;
}

records::AudioFeatures audio_features_at(const ClusterVector& vector) {
  records::AudioFeatures features;
  for (int i = 0; i < kClusterFeatureCount; ++i) features[kOrder[static_cast<std::size_t>(i)]] = vector(i);
  features[AudioFeature::tempo] = vector(kClusterFeatureCount - 1) * kTempoScaleBpm;
  return features;
}

}  // namespace sonic::features
