#pragma once
// The parts of fit_kmeans that select_k reuses across its many fits: the samples are checked and
// laid out once, then fitted for each K.
#include <vector>

#include "ml/common/thread_pool.hpp"
#include "ml/kmeans/row_distances.hpp"
#include "sonic/ml/kmeans/kmeans.hpp"

namespace sonic::ml::detail {

struct PreparedSamples {
  RowMatrix rows;                       // the samples, one contiguous row each, in locality order
  std::vector<Eigen::Index> input_row;  // for each of those rows, where it was in the input
  double mean_variance = 0;             // mean over features of the (population) variance: tol's unit
};

// Throws InputError when `samples` is empty or holds a non-finite value.
PreparedSamples prepare_samples(const Eigen::MatrixXd& samples, const char* what);

// Throws ml::InvalidArgument for nonsensical options, InputError when k exceeds the rows.
// The pool's thread count replaces options.num_threads (which is still checked).
KMeansResult fit_prepared(const PreparedSamples& samples, const KMeansOptions& options, ThreadPool& pool);

}  // namespace sonic::ml::detail
