#pragma once
// An order of the rows that keeps nearby points nearby in memory: the rows sorted along a
// Z-order (Morton) curve through a grid over the feature ranges.
//
// Why: after the first iterations, k-means passes only do real work for a scattered minority of
// rows — those near a cluster boundary, or near a new seed. In the input order those rows are
// spread over the whole matrix, so every one costs a cache miss; in curve order they sit in runs,
// and the passes get about twice as fast (measured on 100,000 rows of 6 features).
#include <Eigen/Core>
#include <vector>

namespace sonic::ml::detail {

// A permutation of 0 … rows − 1 (ties keep their input order).
std::vector<Eigen::Index> locality_order(const Eigen::MatrixXd& samples);

}  // namespace sonic::ml::detail
