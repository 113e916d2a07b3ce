#pragma once
// K-Means clustering of the rows of a matrix (Lloyd's algorithm with greedy k-means++ seeding),
// following scikit-learn's KMeans(init="k-means++", algorithm="lloyd") so that its results can be
// checked against it: same seeding rule, same stopping rule, same meaning of `tol`, same
// empty-cluster remedy. (Not the same random draws: sonic's seeds go through SeededRandom.)
//
// Speed comes from skipping work that cannot change the result, not from approximating it:
// Hamerly's distance bounds and the triangle inequality spare most distance computations in both
// seeding and iterations, and rows are visited in a space-filling-curve order so that the rows a
// pass does work on lie together in memory. The labels are those of plain Lloyd.
//
// Threads: the passes over the samples (seeding, assignment, inertia) are split into fixed-size
// chunks run on up to `num_threads` std::threads, each chunk summing into its own slot, the slots
// added in chunk order. The result for a seed is therefore identical whatever the thread count.
#include <Eigen/Core>
#include <cstdint>

namespace sonic::ml {

struct KMeansOptions {
  int k = 8;
  int n_init = 3;      // seeded restarts; the one with the lowest inertia is kept
  int max_iter = 300;  // Lloyd iterations per restart
  // Convergence threshold relative to the data's spread: a restart stops when the squared
  // centroid shifts of one iteration sum to at most tol × (mean per-feature variance).
  double tol = 1e-4;
  std::uint64_t seed = 42;
  int num_threads = 0;  // 0: all hardware threads
};

struct KMeansResult {
  Eigen::MatrixXd centroids;  // k × features
  Eigen::VectorXi labels;     // per sample, the index of its centroid
  double inertia = 0;         // sum of squared distances from samples to their centroids
  int iterations = 0;         // Lloyd iterations of the restart that was kept
};

// `samples`: rows are samples, columns features; non-empty and finite, at least `k` rows.
// Throws InputError on bad data and InvalidArgument on nonsensical options.
KMeansResult fit_kmeans(const Eigen::MatrixXd& samples, const KMeansOptions& options);

// The index of the nearest centroid for each row of `samples` (a new track, say): no
// re-clustering. Equally near centroids go to the lowest index.
Eigen::VectorXi assign_to_nearest(const Eigen::MatrixXd& centroids, const Eigen::MatrixXd& samples,
                                  int num_threads = 0);

}  // namespace sonic::ml
