#include "sonic/mood/cluster_labels.hpp"

#include <gtest/gtest.h>

#include <set>

namespace sonic::mood {
namespace {

// Columns: valence, energy, danceability, acousticness, instrumentalness, tempo/250.
Eigen::RowVectorXd centroid(double valence, double energy, double dance, double acoustic, double instrumental,
                            double bpm) {
  Eigen::RowVectorXd row(6);
  row << valence, energy, dance, acoustic, instrumental, bpm / 250;
  return row;
}

TEST(ClusterLabels, DescribeEnergyValenceTextureAndWhatStandsOut) {
  Eigen::MatrixXd centroids(3, 6);
  centroids.row(0) = centroid(0.8, 0.85, 0.75, 0.05, 0.0, 125);
  centroids.row(1) = centroid(0.2, 0.25, 0.3, 0.9, 0.7, 75);
  centroids.row(2) = centroid(0.45, 0.55, 0.5, 0.3, 0.1, 110);
  const auto labels = cluster_labels(centroids);
  EXPECT_EQ(labels[0], "high energy, positive, electronic, danceable");
  EXPECT_EQ(labels[1], "low energy, negative, acoustic, instrumental, slow");
  EXPECT_EQ(labels[2], "medium energy, neutral");
}

TEST(ClusterLabels, TellAlikeClustersApartByTheirLargestDifference) {
  Eigen::MatrixXd centroids(3, 6);
  centroids.row(0) = centroid(0.45, 0.55, 0.40, 0.3, 0.1, 100);
  centroids.row(1) = centroid(0.45, 0.55, 0.62, 0.3, 0.1, 100);  // more danceable
  centroids.row(2) = centroid(0.45, 0.55, 0.40, 0.3, 0.1, 100);  // identical to row 0
  const auto labels = cluster_labels(centroids);
  EXPECT_EQ(labels[1], "medium energy, neutral, more danceable");
  const std::set<std::string> unique(labels.begin(), labels.end());
  EXPECT_EQ(unique.size(), labels.size());
}

}  // namespace
}  // namespace sonic::mood
