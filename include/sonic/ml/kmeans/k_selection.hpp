#pragma once
// Choosing the number of clusters: fit K-Means for every K from k_min to k_max, score each
// clustering by its mean silhouette (on a seeded sample of rows), and keep the K that scores
// highest — unless the silhouette does not decide, in which case the elbow of the inertia curve
// does. Every K's inertia and silhouette come back with the reason for the choice, so that a
// person can see why.
//
// "The silhouette does not decide" means either
//   - the best score is below `silhouette_floor` (0.1): no clustering has real structure, the
//     highest score is noise; or
//   - the best two scores are less than `silhouette_margin` (0.01) apart: closer than the
//     sampling noise of a 10,000-row silhouette plus restart-to-restart variation, so the ranking
//     between them is a coin toss.
// The fallback is the K farthest below the chord of the normalised inertia curve (elbow.hpp).
#include <Eigen/Core>
#include <optional>
#include <vector>

#include "sonic/ml/kmeans/k_choice.hpp"
#include "sonic/ml/kmeans/kmeans.hpp"

namespace sonic::ml {

struct KSelectionOptions {
  int k_min = 3;
  int k_max = 15;  // capped at rows / min_rows_per_cluster
  int min_rows_per_cluster = 10;
  std::optional<int> forced_k;                  // fit this K only; no search
  KMeansOptions kmeans;                         // all but k; its seed also draws the silhouette sample
  Eigen::Index silhouette_sample_size = 10000;  // 0: every row
  KChoiceRules rules;
};

struct KSelection {
  KChoice choice;
  std::vector<KCandidate> candidates;  // every K tried, increasing; just one when forced
  KMeansResult model;                  // the fit at the chosen K
};

// Throws InputError on bad samples or when the rows are too few for k_min (force K then), and
// InvalidArgument on a nonsensical range.
KSelection select_k(const Eigen::MatrixXd& samples, const KSelectionOptions& options = {});

}  // namespace sonic::ml
