// sonic's K-Means against scikit-learn 1.2's on the same data and protocol (fixture written by
// tests/data/kmeans/make_fixtures.py). The seeds' random streams differ, so the restarts start
// from different points: the inertia must still land within 1% at every K.
#include <gtest/gtest.h>

#include <cmath>

#include "ml/kmeans/cluster_fixtures.hpp"
#include "ml/kmeans/silhouette.hpp"
#include "sonic/ml/kmeans/kmeans.hpp"

namespace sonic::ml {
namespace {

TEST(KMeansAgainstScikitLearn, InertiaAtEveryKWithinOnePercent) {
  const auto fixture = testing::read_kmeans_fixture("inertia_sklearn.json");
  const Eigen::MatrixXd x = testing::matrix_from_json(fixture["points"]);
  ASSERT_EQ(x.rows(), 400);
  int same_partition = 0;
  for (const auto& [k, theirs] : fixture["inertia"].items()) {
    const KMeansResult fit = fit_kmeans(x, {.k = std::stoi(k), .n_init = 3, .max_iter = 300, .tol = 1e-4, .seed = 42});
    const double ratio = fit.inertia / theirs.get<double>();
    EXPECT_NEAR(ratio, 1.0, 0.01) << "K = " << k;
    // Where both found the same local optimum (the five blobs and fewer), the partitions are
    // the same, so the silhouettes must be too.
    if (std::abs(ratio - 1) < 1e-9) {
      ++same_partition;
      EXPECT_NEAR(silhouette_score(x, fit.labels), fixture["silhouette_score"][k].get<double>(), 1e-9) << "K = " << k;
    }
  }
  EXPECT_GE(same_partition, 4);
}

}  // namespace
}  // namespace sonic::ml
