#pragma once
// The mean silhouette coefficient of a clustering (Rousseeuw 1987) with Euclidean distances,
// computed as scikit-learn's silhouette_score does: for each sample, a = mean distance to the
// other members of its cluster, b = the lowest mean distance to the members of another cluster,
// s = (b − a) / max(a, b); a sample alone in its cluster scores 0. The score is the mean of s.
//
// It costs O(n² · features), so large data is scored on a seeded sample of rows (like
// silhouette_score(sample_size=…, random_state=…)): the rows are drawn first, then the silhouette
// is computed among them alone (the rows drawn are not scikit-learn's for the same seed: other
// generator). Distances come from ‖a‖² + ‖b‖² − 2a·b in tiles (an Eigen matrix
// product per tile), so the cost is mostly in adding each distance to its cluster's sum.
#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <vector>

namespace sonic::ml {

struct SilhouetteOptions {
  Eigen::Index sample_size = 0;  // 0, or at least the number of rows: all rows, exactly
  std::uint64_t seed = 42;       // which rows the sample takes
  int num_threads = 0;           // 0: all hardware threads; the score does not depend on it
};

// `labels`: one non-negative cluster id per row of `samples`; the rows scored must hold between
// 2 and (their number − 1) distinct ids. Throws InputError otherwise, or on non-finite samples.
double silhouette_score(const Eigen::MatrixXd& samples, const Eigen::VectorXi& labels,
                        const SilhouetteOptions& options = {});

// The scores of several clusterings of the same rows (one per K, say), in their order. They share
// one sample and one pass over its pairwise distances, so scoring thirteen clusterings costs far
// less than thirteen calls to silhouette_score; each score equals what that call would return.
// A labeling whose scored rows hold fewer than 2 or more than (rows − 1) clusters scores NaN
// here instead of throwing, so that one degenerate clustering does not hide the others.
std::vector<double> silhouette_scores(const Eigen::MatrixXd& samples, std::span<const Eigen::VectorXi> labelings,
                                      const SilhouetteOptions& options = {});

}  // namespace sonic::ml
