#include "ml/kmeans/silhouette.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ml/kmeans/cluster_fixtures.hpp"
#include "sonic/core/error.hpp"

namespace sonic::ml {
namespace {

TEST(Silhouette, TinySetByHand) {
  // 1-D points {0, 1 | 4, 5 | 12}. Every paired point has a = 1; b is the mean distance to the
  // other pair: 4.5 for 0 and 5, 3.5 for 1 and 4 (12 is farther). So s = 3.5/4.5 = 7/9 for the
  // outer two, 2.5/3.5 = 5/7 for the inner two, 0 for the lone 12: mean (2·7/9 + 2·5/7) / 5.
  Eigen::MatrixXd x(5, 1);
  x << 0, 1, 4, 5, 12;
  const Eigen::VectorXi labels = (Eigen::VectorXi(5) << 0, 0, 1, 1, 2).finished();
  EXPECT_NEAR(silhouette_score(x, labels), (2.0 * 7 / 9 + 2.0 * 5 / 7) / 5, 1e-12);
}

TEST(Silhouette, TwoDimensionalByHand) {
  // A 3-4-5 triangle's legs: cluster {(0,0), (3,0)} and cluster {(0,4), (3,4)}. For every
  // point a = 3 and b = (4 + 5) / 2, so s = (4.5 − 3) / 4.5 = 1/3 everywhere.
  Eigen::MatrixXd x(4, 2);
  x << 0, 0, 3, 0, 0, 4, 3, 4;
  EXPECT_NEAR(silhouette_score(x, (Eigen::VectorXi(4) << 5, 5, 8, 8).finished()), 1.0 / 3, 1e-12);
}

TEST(Silhouette, MatchesScikitLearnOnAFixedSet) {
  const auto fixture = testing::read_kmeans_fixture("silhouette_sklearn.json");
  const Eigen::MatrixXd x = testing::matrix_from_json(fixture["points"]);
  const auto ids = fixture["labels"].get<std::vector<int>>();
  const Eigen::VectorXi labels = Eigen::Map<const Eigen::VectorXi>(ids.data(), static_cast<Eigen::Index>(ids.size()));
  EXPECT_NEAR(silhouette_score(x, labels), fixture["silhouette_score"].get<double>(), 1e-12);
}

Eigen::MatrixXd three_blobs(Eigen::Index per_cluster) {
  Eigen::MatrixXd centres(3, 2);
  centres << 0, 0, 3, 0, 0, 3;
  return testing::gaussian_blobs(centres, per_cluster, 1.0, 3);
}

Eigen::VectorXi blob_labels(Eigen::Index per_cluster, int clusters) {
  Eigen::VectorXi labels(per_cluster * clusters);
  for (Eigen::Index i = 0; i < labels.size(); ++i) labels[i] = static_cast<int>(i / per_cluster);
  return labels;
}

TEST(Silhouette, SampleOfAllRowsIsTheExactScore) {
  const Eigen::MatrixXd x = three_blobs(100);
  const Eigen::VectorXi labels = blob_labels(100, 3);
  const double exact = silhouette_score(x, labels);
  EXPECT_DOUBLE_EQ(silhouette_score(x, labels, {.sample_size = 300}), exact);
  EXPECT_DOUBLE_EQ(silhouette_score(x, labels, {.sample_size = 5000}), exact);
}

TEST(Silhouette, SampledScoreIsSeededAndCloseToTheExactOne) {
  const Eigen::MatrixXd x = three_blobs(1000);
  const Eigen::VectorXi labels = blob_labels(1000, 3);
  const double exact = silhouette_score(x, labels);
  const double sampled = silhouette_score(x, labels, {.sample_size = 600, .seed = 1});
  EXPECT_EQ(sampled, silhouette_score(x, labels, {.sample_size = 600, .seed = 1}));
  EXPECT_NE(sampled, silhouette_score(x, labels, {.sample_size = 600, .seed = 2}));
  EXPECT_NEAR(sampled, exact, 0.03);
  EXPECT_NE(sampled, exact);
}

TEST(Silhouette, SeveralLabelingsScoreAsTheyWouldAlone) {
  // More than one tile of rows each way, and 1 vs 2 threads: identical to the last bit.
  const Eigen::MatrixXd x = three_blobs(400);
  std::vector<Eigen::VectorXi> labelings{blob_labels(400, 3), blob_labels(200, 6), blob_labels(600, 2)};
  labelings[1][7] = 40;  // an id beyond the others, and a singleton
  const auto together = silhouette_scores(x, labelings, {.num_threads = 1});
  const auto threaded = silhouette_scores(x, labelings, {.num_threads = 2});
  ASSERT_EQ(together.size(), 3u);
  for (std::size_t l = 0; l < labelings.size(); ++l) {
    EXPECT_EQ(together[l], silhouette_score(x, labelings[l], {.num_threads = 1})) << l;
    EXPECT_EQ(together[l], threaded[l]) << l;
  }
  EXPECT_GT(together[0], together[1]);  // the true clusters beat arbitrary halves of them
}

TEST(Silhouette, DuplicatePointsScoreZeroNotNaN) {
  // Each cluster is one point repeated: a = 0 and b > 0 gives 1; all distances 0 gives 0.
  Eigen::MatrixXd x(4, 1);
  x << 2, 2, 7, 7;
  EXPECT_DOUBLE_EQ(silhouette_score(x, (Eigen::VectorXi(4) << 0, 0, 1, 1).finished()), 1.0);
  Eigen::MatrixXd same = Eigen::MatrixXd::Constant(4, 1, 3.0);
  EXPECT_DOUBLE_EQ(silhouette_score(same, (Eigen::VectorXi(4) << 0, 0, 1, 1).finished()), 0.0);
}

TEST(SilhouetteErrors, UndefinedOrMalformedLabelsAreInputErrors) {
  const Eigen::MatrixXd x = three_blobs(2);                                 // 6 rows
  EXPECT_THROW(silhouette_score(x, Eigen::VectorXi::Zero(6)), InputError);  // one cluster
  EXPECT_THROW(silhouette_score(x, blob_labels(1, 6)), InputError);         // n clusters
  EXPECT_THROW(silhouette_score(x, blob_labels(2, 2)), InputError);         // 4 labels
  Eigen::VectorXi negative = blob_labels(2, 3);
  negative[3] = -1;
  EXPECT_THROW(silhouette_score(x, negative), InputError);
  Eigen::MatrixXd with_nan = x;
  with_nan(1, 0) = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(silhouette_score(with_nan, blob_labels(2, 3)), InputError);
  // Among several labelings an undefined one scores NaN and the others still count.
  const std::vector<Eigen::VectorXi> labelings{Eigen::VectorXi::Zero(6), blob_labels(2, 3)};
  const auto scores = silhouette_scores(x, labelings);
  EXPECT_TRUE(std::isnan(scores[0]));
  EXPECT_EQ(scores[1], silhouette_score(x, labelings[1]));
}

}  // namespace
}  // namespace sonic::ml
