#pragma once
// Distances between rows of row-major matrices: the inner loops of k-means. Feature counts are
// small (5–30), so a plain loop over two rows beats a matrix product here, and it is exact: no
// ‖a‖² + ‖b‖² − 2a·b cancellation when a point sits close to a centroid.
#include <Eigen/Core>
#include <limits>
#include <type_traits>

namespace sonic::ml::detail {

// Rows are samples, stored one after the other, so a sample is one contiguous run of doubles.
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// A feature count known at compile time lets the distance loop unroll into a handful of SIMD
// instructions: about twice as fast for six features as a loop of unknown length. The hot loops
// are written once as generic lambdas of `features` and with_feature_count() instantiates them
// for the common small counts. For one matrix every distance takes the same path, so results
// stay reproducible.
template <Eigen::Index N>
using FixedFeatures = std::integral_constant<Eigen::Index, N>;

template <typename Body>
decltype(auto) with_feature_count(Eigen::Index features, Body&& body) {
  switch (features) {
    case 1:
      return body(FixedFeatures<1>{});
    case 2:
      return body(FixedFeatures<2>{});
    case 3:
      return body(FixedFeatures<3>{});
    case 4:
      return body(FixedFeatures<4>{});
    case 5:
      return body(FixedFeatures<5>{});
    case 6:
      return body(FixedFeatures<6>{});
    case 7:
      return body(FixedFeatures<7>{});
    case 8:
      return body(FixedFeatures<8>{});
    case 10:
      return body(FixedFeatures<10>{});
    case 12:
      return body(FixedFeatures<12>{});
    default:
      return body(features);
  }
}

// `features`: an Eigen::Index or a FixedFeatures<N>.
template <typename Features>
inline double squared_distance(const double* a, const double* b, Features features) {
  if constexpr (std::is_integral_v<Features>) {
    using Row = Eigen::Map<const Eigen::VectorXd>;
    return (Row(a, features) - Row(b, features)).squaredNorm();
  } else {
    using Row = Eigen::Map<const Eigen::Matrix<double, Features::value, 1>>;
    return (Row(a) - Row(b)).squaredNorm();
  }
}

// The index of the centroid nearest to `sample`; the lowest among equally near ones, as argmin.
template <typename Features>
int nearest_centroid(const double* sample, const RowMatrix& centroids, Features features) {
  int nearest = 0;
  double nearest_sq = std::numeric_limits<double>::infinity();
  for (Eigen::Index c = 0; c < centroids.rows(); ++c) {
    const double d = squared_distance(sample, centroids.data() + c * features, features);
    if (d < nearest_sq) {
      nearest_sq = d;
      nearest = static_cast<int>(c);
    }
  }
  return nearest;
}

}  // namespace sonic::ml::detail
