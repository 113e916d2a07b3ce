#include "sonic/features/cluster_features.hpp"

#include <gtest/gtest.h>

namespace sonic::features {
namespace {

TEST(ClusterFeatures, ScaleTempoAndRequireAllSix) {
  records::AudioFeatures features;
  using records::AudioFeature;
  for (const auto feature : {AudioFeature::valence, AudioFeature::energy, AudioFeature::danceability,
                             AudioFeature::acousticness, AudioFeature::instrumentalness}) {
    features[feature] = 0.5;
  }
  EXPECT_FALSE(cluster_vector(features));  // no tempo
  features[AudioFeature::tempo] = 125;
  EXPECT_DOUBLE_EQ((*cluster_vector(features))(5), 0.5);
  features[AudioFeature::tempo] = 300;
  EXPECT_DOUBLE_EQ((*cluster_vector(features))(5), 1.0);  // capped
}

}  // namespace
}  // namespace sonic::features
