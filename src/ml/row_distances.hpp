#pragma once
// Distances between rows of row-major matrices: the inner loops of k-means. Feature counts are
// small (5–30), so a plain loop over two rows beats a matrix product here, and it is exact: no
// ‖a‖² + ‖b‖² − 2a·b cancellation when a point sits close to a centroid.
#include <Eigen/Core>
#include <limits>

namespace sonic::ml::detail {

// Rows are samples, stored one after the other, so a sample is one contiguous run of doubles.
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

inline double squared_distance(const double* a, const double* b, Eigen::Index features) {
  // Two running sums: halves the chain of dependent additions the CPU waits on.
  double even = 0, odd = 0;
  Eigen::Index f = 0;
  for (; f + 1 < features; f += 2) {
    const double d0 = a[f] - b[f], d1 = a[f + 1] - b[f + 1];
    even += d0 * d0;
    odd += d1 * d1;
  }
  if (f < features) even += (a[f] - b[f]) * (a[f] - b[f]);
  return even + odd;
}

struct NearestTwo {
  int nearest = 0;         // the lowest index among equally near centroids, as argmin does
  double nearest_sq = 0;   // squared distance to it
  double second_sq = std::numeric_limits<double>::infinity();  // to the runner-up (∞ when k = 1)
};

inline NearestTwo nearest_two(const double* sample, const RowMatrix& centroids) {
  const Eigen::Index features = centroids.cols();
  NearestTwo best;
  best.nearest_sq = std::numeric_limits<double>::infinity();
  for (Eigen::Index c = 0; c < centroids.rows(); ++c) {
    const double d = squared_distance(sample, centroids.data() + c * features, features);
    if (d < best.nearest_sq) {
      best.second_sq = best.nearest_sq;
      best.nearest_sq = d;
      best.nearest = static_cast<int>(c);
    } else if (d < best.second_sq) {
      best.second_sq = d;
    }
  }
  return best;
}

}  // namespace sonic::ml::detail
