#pragma once
// Deterministic data parallelism for ml/. Work is cut into chunks whose boundaries depend only on
// the data size, never on the thread count; each chunk writes its own result slot and the caller
// combines the slots in chunk order. Floating-point sums therefore come out bit-identical with one
// thread or sixteen, which is what "same data + seed ⇒ same model" needs.
//
// Threads are plain std::threads started per call (the caller's thread works too): the work
// handed out here is a whole pass over the data, so the start-up cost (tens of microseconds) is
// small beside it, and nothing lingers between calls.
#include <Eigen/Core>
#include <algorithm>
#include <cstddef>
#include <functional>

namespace sonic::ml::detail {

// `requested` threads, 0 meaning all hardware threads; never less than 1.
int resolve_thread_count(int requested);

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

// Calls task(chunk) once for every chunk in [0, chunk_count) on up to `threads` threads. Threads
// take chunks from a shared counter, so uneven chunks balance out. The first exception a task
// throws is rethrown here once every thread has stopped.
void run_chunks(std::size_t chunk_count, int threads, const std::function<void(std::size_t)>& task);

}  // namespace sonic::ml::detail
