#pragma once
// What mood clusters are made of: six audio features on a common 0..1 scale, so no one of them
// outweighs the others in K-Means' distances. Tempo is divided by 250 BPM and capped at 1.
#include <Eigen/Core>

#include <array>
#include <optional>
#include <string_view>

#include "sonic/records/audio_features.hpp"

namespace sonic::features {

inline constexpr std::array<std::string_view, 6> kClusterFeatureNames = {
    "valence", "energy", "danceability", "acousticness", "instrumentalness", "tempo"};
inline constexpr int kClusterFeatureCount = static_cast<int>(kClusterFeatureNames.size());
inline constexpr double kTempoScaleBpm = 250;

using ClusterVector = Eigen::Matrix<double, 1, kClusterFeatureCount>;

// Nullopt when any of the six is missing: a track is clustered on all of them or not at all.
std::optional<ClusterVector> cluster_vector(const records::AudioFeatures& features);
// The inverse for the six (tempo back to BPM; the other five stay empty): the features of a track
// standing at a centroid, for tracks whose cluster was propagated rather than measured.
records::AudioFeatures audio_features_at(const ClusterVector& vector);

}  // namespace sonic::features
