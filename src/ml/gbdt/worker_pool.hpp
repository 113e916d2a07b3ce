#pragma once
// A fixed set of threads that run one parallel loop at a time. Which thread runs which index is
// left to chance, so callers stay deterministic by giving every index its own output and
// combining the outputs in index order: the result is then the same for any thread count.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sonic::ml::gbdt {

class WorkerPool {
 public:
  // `thread_count` counts the calling thread too; 0 means std::thread::hardware_concurrency().
  explicit WorkerPool(std::size_t thread_count);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  std::size_t thread_count() const { return workers_.size() + 1; }

  // Calls task(i) for every i in [0, count), on the workers and the calling thread, and returns
  // once all calls have. The first exception a task throws is rethrown here (the indices not
  // yet claimed are then skipped).
  void run(std::size_t count, const std::function<void(std::size_t)>& task);

 private:
  void serve();
  void claim_and_run();

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable job_posted_;
  std::condition_variable job_left_;
  const std::function<void(std::size_t)>* task_ = nullptr;
  std::size_t count_ = 0;
  std::atomic<std::size_t> next_index_{0};
  // Workers join a job only while it is open, and the caller waits for those that joined, not
  // for all: on a busy machine a sleeping worker may be scheduled late, and the caller must
  // not wait for it to find nothing left to do.
  bool job_open_ = false;
  std::size_t workers_inside_ = 0;
  std::uint64_t job_number_ = 0;
  bool stopping_ = false;
  std::exception_ptr failure_;
};

}  // namespace sonic::ml::gbdt
