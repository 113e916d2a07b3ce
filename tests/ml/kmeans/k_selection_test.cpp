#include "sonic/ml/kmeans/k_selection.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ml/kmeans/cluster_fixtures.hpp"
#include "sonic/core/error.hpp"
#include "sonic/ml/common/invalid_argument.hpp"

namespace sonic::ml {
namespace {

constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

// Candidates K = 3, 4, … with the given silhouettes and inertias.
std::vector<KCandidate> table(const std::vector<double>& silhouettes, const std::vector<double>& inertias) {
  std::vector<KCandidate> candidates;
  for (std::size_t i = 0; i < silhouettes.size(); ++i) {
    candidates.push_back({static_cast<int>(i) + 3, inertias[i], silhouettes[i], 10});
  }
  return candidates;
}

// Inertia with its elbow at K = 5 (index 2).
const std::vector<double> kKneeAtFive{100, 60, 20, 18, 16, 14};

TEST(ChooseK, ClearSilhouetteWins) {
  const KChoice choice = choose_k(table({0.30, 0.52, 0.41, 0.40, 0.2, 0.1}, kKneeAtFive));
  EXPECT_EQ(choice.k, 4);
  EXPECT_EQ(choice.reason, KChoiceReason::silhouette);
}

TEST(ChooseK, CloseSilhouettesFallBackToTheElbow) {
  // 0.405 and 0.400 are within the 0.01 margin.
  const KChoice choice = choose_k(table({0.400, 0.405, 0.30, 0.2, 0.2, 0.1}, kKneeAtFive));
  EXPECT_EQ(choice.k, 5);
  EXPECT_EQ(choice.reason, KChoiceReason::elbow_close_silhouettes);
  // A wider margin than the gap, or a narrower one, flips the decision.
  EXPECT_EQ(choose_k(table({0.400, 0.405, 0.30, 0.2, 0.2, 0.1}, kKneeAtFive), {0.1, 0.004}).k, 4);
}

TEST(ChooseK, WeakSilhouettesFallBackToTheElbow) {
  const KChoice choice = choose_k(table({0.05, 0.09, 0.02, 0.01, 0.0, -0.1}, kKneeAtFive));
  EXPECT_EQ(choice.k, 5);
  EXPECT_EQ(choice.reason, KChoiceReason::elbow_weak_silhouette);
}

TEST(ChooseK, UndecidedWithoutAnElbowKeepsTheHighestSilhouette) {
  const std::vector<double> straight{60, 50, 40, 30, 20, 10};
  const KChoice choice = choose_k(table({0.05, 0.09, 0.02, 0.01, 0.0, -0.1}, straight));
  EXPECT_EQ(choice.k, 4);
  EXPECT_EQ(choice.reason, KChoiceReason::silhouette_without_elbow);
}

TEST(ChooseK, UndefinedSilhouettesNeverWin) {
  const KChoice choice = choose_k(table({kUndefined, 0.3, kUndefined, 0.6, 0.2, 0.1}, kKneeAtFive));
  EXPECT_EQ(choice.k, 6);
  EXPECT_EQ(choice.reason, KChoiceReason::silhouette);
  const KChoice none = choose_k(table(std::vector<double>(6, kUndefined), kKneeAtFive));
  EXPECT_EQ(none.reason, KChoiceReason::elbow_weak_silhouette);
  EXPECT_EQ(none.k, 5);
}

TEST(ChooseK, SingleCandidate) {
  EXPECT_EQ(choose_k(table({0.3}, {5})).reason, KChoiceReason::only_candidate);
  EXPECT_THROW(choose_k({}), InputError);
}

TEST(SelectK, FindsTheTrueNumberOfSeparatedBlobs) {
  Eigen::MatrixXd centres(6, 2);
  centres << 0, 0, 6, 0, 12, 0, 0, 6, 6, 6, 12, 6;
  const Eigen::MatrixXd x = testing::gaussian_blobs(centres, 100, 0.6, 11);
  const KSelection selection = select_k(x);
  EXPECT_EQ(selection.choice.k, 6);
  EXPECT_EQ(selection.choice.reason, KChoiceReason::silhouette);
  ASSERT_EQ(selection.candidates.size(), 13u);  // K = 3 … 15
  for (std::size_t i = 0; i < selection.candidates.size(); ++i) {
    const KCandidate& candidate = selection.candidates[i];
    EXPECT_EQ(candidate.k, static_cast<int>(i) + 3);
    EXPECT_GT(candidate.silhouette, -1);
    EXPECT_LT(candidate.silhouette, 1);
    if (i > 0) {
      EXPECT_LT(candidate.inertia, selection.candidates[i - 1].inertia);
    }
  }
  EXPECT_EQ(selection.model.centroids.rows(), 6);
  EXPECT_DOUBLE_EQ(selection.model.inertia, selection.candidates[3].inertia);
}

TEST(SelectK, ElbowDecidesWhenNoSilhouetteIsConvincing) {
  // Four clusters in 40 dimensions, centres 4 apart, unit noise: the noise dominates every
  // distance (≈ √80 ≈ 8.9 within a cluster, ≈ √96 ≈ 9.8 across), so every silhouette is far
  // below 0.1. The inertia still shows the clusters: merging two of them (K = 3) costs
  // 125 · 4² = 2000, while each split beyond K = 4 only carves noise and gains a few hundred.
  Eigen::MatrixXd centres = Eigen::MatrixXd::Zero(4, 40);
  for (int c = 0; c < 4; ++c) centres(c, c) = 4 / std::sqrt(2.0);
  const Eigen::MatrixXd x = testing::gaussian_blobs(centres, 250, 1.0, 5);
  const KSelection selection = select_k(x);
  for (const KCandidate& candidate : selection.candidates) EXPECT_LT(candidate.silhouette, 0.1);
  EXPECT_EQ(selection.choice.reason, KChoiceReason::elbow_weak_silhouette);
  EXPECT_EQ(selection.choice.k, 4);
}

TEST(SelectK, ForcedKSkipsTheSearch) {
  Eigen::MatrixXd centres(3, 2);
  centres << 0, 0, 5, 0, 0, 5;
  const Eigen::MatrixXd x = testing::gaussian_blobs(centres, 50, 0.5, 2);
  KSelectionOptions options;
  options.forced_k = 7;
  const KSelection selection = select_k(x, options);
  EXPECT_EQ(selection.choice.k, 7);
  EXPECT_EQ(selection.choice.reason, KChoiceReason::forced);
  ASSERT_EQ(selection.candidates.size(), 1u);
  EXPECT_EQ(selection.candidates[0].k, 7);
  EXPECT_FALSE(std::isnan(selection.candidates[0].silhouette));
  EXPECT_EQ(selection.model.centroids.rows(), 7);
}

TEST(SelectK, RangeIsCappedAtOneClusterPerTenRows) {
  Eigen::MatrixXd centres(2, 2);
  centres << 0, 0, 5, 5;
  const KSelection selection = select_k(testing::gaussian_blobs(centres, 25, 0.5, 2));
  ASSERT_EQ(selection.candidates.size(), 3u);  // 50 rows: K = 3, 4, 5
  EXPECT_EQ(selection.candidates.back().k, 5);
  EXPECT_THROW(select_k(testing::gaussian_blobs(centres, 14, 0.5, 2)), InputError);  // 28 rows
}

TEST(SelectK, SameSeedSameChoiceWhateverTheThreadCount) {
  Eigen::MatrixXd centres(4, 3);
  centres << 0, 0, 0, 3, 0, 0, 0, 3, 0, 0, 0, 3;
  const Eigen::MatrixXd x = testing::gaussian_blobs(centres, 3000, 1.0, 8);
  KSelectionOptions options;
  options.k_max = 6;
  options.silhouette_sample_size = 2000;
  options.kmeans.num_threads = 1;
  const KSelection one = select_k(x, options);
  options.kmeans.num_threads = 2;
  const KSelection two = select_k(x, options);
  ASSERT_EQ(one.candidates.size(), two.candidates.size());
  for (std::size_t i = 0; i < one.candidates.size(); ++i) {
    EXPECT_EQ(one.candidates[i].inertia, two.candidates[i].inertia);
    EXPECT_EQ(one.candidates[i].silhouette, two.candidates[i].silhouette);
  }
  EXPECT_EQ(one.model.labels, two.model.labels);
}

TEST(SelectK, BadRangesAreInvalidArguments) {
  const Eigen::MatrixXd x = testing::gaussian_blobs(Eigen::MatrixXd::Zero(1, 2), 100, 1.0, 1);
  KSelectionOptions options;
  options.k_min = 1;
  EXPECT_THROW(select_k(x, options), InvalidArgument);
  options.k_min = 6;
  options.k_max = 5;
  EXPECT_THROW(select_k(x, options), InvalidArgument);
}

}  // namespace
}  // namespace sonic::ml
