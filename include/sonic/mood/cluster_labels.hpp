#pragma once
// Readable names for mood clusters, from their centroids (cluster_features scale):
//   energy high / medium / low · valence positive / neutral / negative · acoustic / electronic
// then what stands out (instrumental, danceable, fast, slow). Clusters whose names would be the
// same are told apart by the feature on which they differ most ("…, more danceable").
#include <Eigen/Core>

#include <string>
#include <vector>

namespace sonic::mood {

// One centroid per row, columns in kClusterFeatureNames order. Names come back in row order and
// are all different.
std::vector<std::string> cluster_labels(const Eigen::MatrixXd& centroids);

}  // namespace sonic::mood
