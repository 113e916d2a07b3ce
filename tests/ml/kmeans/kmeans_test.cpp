#include "sonic/ml/kmeans/kmeans.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "ml/kmeans/cluster_fixtures.hpp"
#include "sonic/core/error.hpp"
#include "sonic/ml/common/invalid_argument.hpp"

namespace sonic::ml {
namespace {

using testing::gaussian_blobs;

// Unremarkable finite data of a given shape.
Eigen::MatrixXd some_rows(Eigen::Index rows, Eigen::Index features) {
  return gaussian_blobs(Eigen::MatrixXd::Zero(1, features), rows, 1.0, 99);
}

// Centroid indices depend on the seeding; this maps each expected centre to the fitted centroid
// at the same place (within 1e-9), failing the test when one is missing.
std::vector<int> match_centroids(const Eigen::MatrixXd& fitted, const Eigen::MatrixXd& expected) {
  std::vector<int> match;
  for (Eigen::Index e = 0; e < expected.rows(); ++e) {
    Eigen::Index nearest = 0;
    (fitted.rowwise() - expected.row(e)).rowwise().squaredNorm().minCoeff(&nearest);
    EXPECT_LT((fitted.row(nearest) - expected.row(e)).norm(), 1e-9) << "no centroid at " << expected.row(e);
    match.push_back(static_cast<int>(nearest));
  }
  return match;
}

TEST(KMeans, OneDimensionalCaseByHand) {
  // {0, 1, 2} and {10, 11, 12}: centroids 1 and 11, inertia 4 × (1 + 0 + 1) / 2 = 4.
  Eigen::MatrixXd x(6, 1);
  x << 0, 1, 2, 10, 11, 12;
  const KMeansResult fit = fit_kmeans(x, {.k = 2, .num_threads = 1});
  Eigen::MatrixXd expected(2, 1);
  expected << 1, 11;
  const auto match = match_centroids(fit.centroids, expected);
  EXPECT_EQ(fit.labels, (Eigen::VectorXi(6) << match[0], match[0], match[0], match[1], match[1], match[1]).finished());
  EXPECT_DOUBLE_EQ(fit.inertia, 4.0);
}

TEST(KMeans, TwoDimensionalCaseByHand) {
  // Three groups with exact means (1, 1), (11, 1), (6, 10); squared distances to them sum to
  // 8 (four corners of a 2 × 2 square) + 8 (1+1, 1+1, 0+4) + 2 (1, 1) = 18.
  Eigen::MatrixXd x(9, 2);
  x << 0, 0, 2, 0, 0, 2, 2, 2,  //
      10, 0, 12, 0, 11, 3,      //
      5, 10, 7, 10;
  const KMeansResult fit = fit_kmeans(x, {.k = 3, .num_threads = 1});
  Eigen::MatrixXd expected(3, 2);
  expected << 1, 1, 11, 1, 6, 10;
  const auto m = match_centroids(fit.centroids, expected);
  const Eigen::VectorXi labels =
      (Eigen::VectorXi(9) << m[0], m[0], m[0], m[0], m[1], m[1], m[1], m[2], m[2]).finished();
  EXPECT_EQ(fit.labels, labels);
  EXPECT_DOUBLE_EQ(fit.inertia, 18.0);
  EXPECT_GE(fit.iterations, 1);
}

TEST(KMeans, FindsTheCentresOfSeparatedBlobs) {
  Eigen::MatrixXd centres(4, 3);
  centres << 0, 0, 0, 10, 0, 0, 0, 10, 0, 0, 0, 10;
  const Eigen::MatrixXd x = gaussian_blobs(centres, 250, 0.5, 1);
  const KMeansResult fit = fit_kmeans(x, {.k = 4});
  for (Eigen::Index c = 0; c < centres.rows(); ++c) {
    Eigen::Index nearest = 0;
    (fit.centroids.rowwise() - centres.row(c)).rowwise().squaredNorm().minCoeff(&nearest);
    EXPECT_LT((fit.centroids.row(nearest) - centres.row(c)).norm(), 0.15);
    // Every member of blob c went to the same cluster.
    const Eigen::VectorXi members = fit.labels.segment(c * 250, 250);
    EXPECT_EQ(members.minCoeff(), members.maxCoeff());
  }
  // Inertia ≈ rows × features × spread² (each coordinate's noise has variance 0.25).
  EXPECT_NEAR(fit.inertia / (1000 * 3 * 0.25), 1.0, 0.1);
}

// Overlapping blobs, so that Lloyd takes many iterations and the distance bounds do real work.
Eigen::MatrixXd overlapping_blobs(Eigen::Index per_cluster) {
  Eigen::MatrixXd centres(5, 4);
  centres << 0, 0, 0, 0, 2, 0, 1, 0, 0, 2, 0, 1, 2, 2, 2, 2, 1, 1, -1, 0;
  return gaussian_blobs(centres, per_cluster, 1.0, 5);
}

TEST(KMeans, ConvergedFitIsALloydFixedPoint) {
  // With tol = 0 Lloyd runs until no label changes: every centroid is then the mean of its
  // samples and every sample is labelled with its nearest centroid (checked by brute force, so
  // a wrong skip in the distance bounds shows up here).
  const Eigen::MatrixXd x = overlapping_blobs(800);
  const KMeansResult fit = fit_kmeans(x, {.k = 7, .n_init = 1, .max_iter = 1000, .tol = 0});
  ASSERT_LT(fit.iterations, 1000);
  double inertia = 0;
  for (Eigen::Index c = 0; c < fit.centroids.rows(); ++c) {
    Eigen::RowVectorXd sum = Eigen::RowVectorXd::Zero(x.cols());
    int count = 0;
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      if (fit.labels[i] != c) continue;
      sum += x.row(i);
      ++count;
    }
    ASSERT_GT(count, 0);
    EXPECT_LT((fit.centroids.row(c) - sum / count).norm(), 1e-12);
  }
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    Eigen::Index nearest = 0;
    (fit.centroids.rowwise() - x.row(i)).rowwise().squaredNorm().minCoeff(&nearest);
    EXPECT_EQ(fit.labels[i], nearest) << "row " << i;
    inertia += (x.row(i) - fit.centroids.row(fit.labels[i])).squaredNorm();
  }
  EXPECT_NEAR(fit.inertia, inertia, 1e-9 * inertia);
}

TEST(KMeans, StopsEarlierWithALooserTolerance) {
  const Eigen::MatrixXd x = overlapping_blobs(400);
  const KMeansResult strict = fit_kmeans(x, {.k = 6, .n_init = 1, .tol = 0});
  const KMeansResult loose = fit_kmeans(x, {.k = 6, .n_init = 1, .tol = 1e-2});
  EXPECT_LT(loose.iterations, strict.iterations);
  // Labels still agree with the final centroids.
  EXPECT_EQ(loose.labels, assign_to_nearest(loose.centroids, x));
}

TEST(KMeans, ToleranceIsRelativeToTheSpreadOfTheData) {
  // Scaling by 4 scales every distance exactly (a power of two), so with tol measured against
  // the data's variance the fit is the same fit, stopped at the same iteration.
  const Eigen::MatrixXd x = overlapping_blobs(400);
  const KMeansOptions options{.k = 6, .n_init = 1, .tol = 1e-2};
  const KMeansResult plain = fit_kmeans(x, options);
  const KMeansResult scaled = fit_kmeans(4 * x, options);
  ASSERT_LT(plain.iterations, fit_kmeans(x, {.k = 6, .n_init = 1, .tol = 0}).iterations);
  EXPECT_EQ(scaled.iterations, plain.iterations);
  EXPECT_EQ(scaled.labels, plain.labels);
  EXPECT_DOUBLE_EQ(scaled.inertia, 16 * plain.inertia);
}

TEST(KMeans, SameSeedSameModelWhateverTheThreadCount) {
  // 20,000 rows: several chunks of work, so that two threads really split them.
  const Eigen::MatrixXd x = overlapping_blobs(4000);
  const KMeansOptions one_thread{.k = 9, .seed = 7, .num_threads = 1};
  KMeansOptions two_threads = one_thread;
  two_threads.num_threads = 2;
  const KMeansResult a = fit_kmeans(x, one_thread);
  const KMeansResult b = fit_kmeans(x, one_thread);
  const KMeansResult c = fit_kmeans(x, two_threads);
  for (const KMeansResult* other : {&b, &c}) {
    EXPECT_EQ(a.labels, other->labels);
    EXPECT_EQ(a.centroids, other->centroids);  // bit for bit
    EXPECT_EQ(a.inertia, other->inertia);
    EXPECT_EQ(a.iterations, other->iterations);
  }
}

TEST(KMeans, MoreRestartsNeverEndWorse) {
  // Restart r is seeded the same whatever n_init is, so 5 restarts include the first 1's.
  const Eigen::MatrixXd x = overlapping_blobs(200);
  const KMeansResult one = fit_kmeans(x, {.k = 8, .n_init = 1});
  const KMeansResult five = fit_kmeans(x, {.k = 8, .n_init = 5});
  EXPECT_LE(five.inertia, one.inertia);
}

TEST(KMeans, KEqualToRowsPutsEachRowInItsOwnCluster) {
  Eigen::MatrixXd x(4, 2);
  x << 0, 0, 1, 0, 0, 1, 5, 5;
  const KMeansResult fit = fit_kmeans(x, {.k = 4});
  EXPECT_DOUBLE_EQ(fit.inertia, 0.0);
  std::vector<int> labels(fit.labels.begin(), fit.labels.end());
  std::sort(labels.begin(), labels.end());
  EXPECT_EQ(labels, (std::vector<int>{0, 1, 2, 3}));
}

TEST(KMeans, DuplicateRowsFewerThanKStillGiveAValidModel) {
  // Two distinct points, three clusters: one cluster must stay degenerate, nothing may crash.
  Eigen::MatrixXd x(6, 1);
  x << 1, 1, 1, 4, 4, 4;
  const KMeansResult fit = fit_kmeans(x, {.k = 3});
  EXPECT_DOUBLE_EQ(fit.inertia, 0.0);
  EXPECT_TRUE(fit.centroids.allFinite());
}

TEST(AssignToNearest, GivesEachNewRowItsNearestCentroid) {
  Eigen::MatrixXd centroids(3, 2);
  centroids << 0, 0, 10, 0, 0, 10;
  Eigen::MatrixXd tracks(5, 2);
  tracks << 1, 1,  // near 0
      9, -2,       // near 1
      -1, 8,       // near 2
      5, 5.1,      // 5² + 5.1² from 0, 5² + 5.1² from 1, 5² + 4.9² from 2: 2
      5, 0;        // exactly between 0 and 1: the lower index
  EXPECT_EQ(assign_to_nearest(centroids, tracks, 1), (Eigen::VectorXi(5) << 0, 1, 2, 2, 0).finished());
}

TEST(AssignToNearest, AgreesWithTheFitOnItsOwnRows) {
  const Eigen::MatrixXd x = overlapping_blobs(300);
  const KMeansResult fit = fit_kmeans(x, {.k = 5});
  EXPECT_EQ(assign_to_nearest(fit.centroids, x), fit.labels);
}

TEST(KMeansErrors, BadInputIsAnInputErrorThatSaysWhere) {
  Eigen::MatrixXd x = some_rows(10, 3);
  EXPECT_THROW(fit_kmeans(x, {.k = 11}), InputError);
  EXPECT_THROW(fit_kmeans(Eigen::MatrixXd(0, 3), {.k = 1}), InputError);
  EXPECT_THROW(fit_kmeans(Eigen::MatrixXd(5, 0), {.k = 1}), InputError);
  x(4, 2) = std::numeric_limits<double>::quiet_NaN();
  try {
    fit_kmeans(x, {.k = 2});
    FAIL() << "NaN accepted";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("row 4, column 2 is NaN"), std::string::npos) << error.what();
  }
  x(4, 2) = std::numeric_limits<double>::infinity();
  EXPECT_THROW(fit_kmeans(x, {.k = 2}), InputError);
}

TEST(KMeansErrors, NonsensicalOptionsAreInvalidArguments) {
  const Eigen::MatrixXd x = some_rows(10, 3);
  EXPECT_THROW(fit_kmeans(x, {.k = 0}), InvalidArgument);
  EXPECT_THROW(fit_kmeans(x, {.k = 2, .n_init = 0}), InvalidArgument);
  EXPECT_THROW(fit_kmeans(x, {.k = 2, .max_iter = 0}), InvalidArgument);
  EXPECT_THROW(fit_kmeans(x, {.k = 2, .tol = -1}), InvalidArgument);
}

TEST(AssignToNearestErrors, ShapesAndValuesAreChecked) {
  const Eigen::MatrixXd centroids = some_rows(3, 4);
  EXPECT_THROW(assign_to_nearest(centroids, some_rows(5, 3)), InputError);
  EXPECT_THROW(assign_to_nearest(Eigen::MatrixXd(0, 4), some_rows(5, 4)), InputError);
  Eigen::MatrixXd tracks = some_rows(5, 4);
  tracks(2, 1) = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(assign_to_nearest(centroids, tracks), InputError);
}

}  // namespace
}  // namespace sonic::ml
