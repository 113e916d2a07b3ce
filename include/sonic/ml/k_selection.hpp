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
#include <span>
#include <string_view>
#include <vector>

#include "sonic/ml/kmeans.hpp"

namespace sonic::ml {

struct KChoiceRules {
  double silhouette_floor = 0.1;
  double silhouette_margin = 0.01;
};

enum class KChoiceReason {
  forced,                    // the caller fixed K
  only_candidate,            // the range held a single K
  silhouette,                // the highest silhouette, clearly
  elbow_weak_silhouette,     // best silhouette below the floor: the inertia elbow chose
  elbow_close_silhouettes,   // best two silhouettes within the margin: the inertia elbow chose
  silhouette_without_elbow,  // silhouette undecided, but the inertia curve has no elbow either:
                             // the highest silhouette (or, with none, the smallest K) is kept
};

// Words for `sonic cluster` and logs.
std::string_view describe(KChoiceReason reason);

struct KCandidate {
  int k = 0;
  double inertia = 0;
  double silhouette = 0;  // NaN when undefined (K = 1, or the scored rows fell in one cluster)
  int iterations = 0;
};

struct KChoice {
  int k = 0;
  KChoiceReason reason = KChoiceReason::silhouette;
};

// The decision alone, from candidates in increasing K (not empty). Never forced.
KChoice choose_k(std::span<const KCandidate> candidates, const KChoiceRules& rules = {});

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
// UsageError on a nonsensical range.
KSelection select_k(const Eigen::MatrixXd& samples, const KSelectionOptions& options = {});

}  // namespace sonic::ml
