#pragma once
// The passes of k-means over the samples are cut into chunks whose boundaries depend only on the
// data size, never on the thread count; each chunk writes its own result slot and the caller
// combines the slots in chunk order. Floating-point sums therefore come out bit-identical with one
// thread or sixteen, which is what "same data + seed ⇒ same model" needs. The chunks run as the
// tasks of the one ml/ thread pool (ml/common/thread_pool.hpp).
#include <Eigen/Core>
#include <algorithm>
#include <cstddef>

namespace sonic::ml::detail {

struct RowRange {
  Eigen::Index begin;
  Eigen::Index end;
  Eigen::Index size() const { return end - begin; }
};

// [0, rows) in consecutive ranges of `chunk_rows` (the last one shorter).
class RowChunks {
 public:
  RowChunks(Eigen::Index rows, Eigen::Index chunk_rows) : rows_(rows), chunk_rows_(chunk_rows) {}
  std::size_t count() const { return static_cast<std::size_t>((rows_ + chunk_rows_ - 1) / chunk_rows_); }
  RowRange operator[](std::size_t chunk) const {
    const Eigen::Index begin = static_cast<Eigen::Index>(chunk) * chunk_rows_;
    return {begin, std::min(begin + chunk_rows_, rows_)};
  }

 private:
  Eigen::Index rows_;
  Eigen::Index chunk_rows_;
};

}  // namespace sonic::ml::detail
