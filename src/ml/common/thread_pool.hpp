#pragma once
// The one thread pool of ml/: a fixed set of worker threads, started once, that run numbered
// tasks for the training and scoring loops (k-means passes, MLP blocks, GBDT histograms).
//
// Which thread runs which task varies from run to run, so callers keep results per task (never
// per thread) and combine them in task order; that is what makes a result independent of the
// thread count. `thread` names the thread running a task, for per-thread scratch space only.
//
// The caller's thread works too. A worker that wakes after every task has been claimed (on a
// busy machine it may be scheduled late) stays out of that round, and the caller never waits for
// it: it waits only for the workers still running a task.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sonic::ml {

class ThreadPool {
 public:
  using Task = std::function<void(std::size_t task, int thread)>;

  // `threads` counts the calling thread: 1 runs everything inline, 0 means every hardware thread.
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int threads() const { return static_cast<int>(workers_.size()) + 1; }

  // Runs task(index, thread) for every index in [0, count) and returns when all are done, with
  // `thread` in [0, threads()). The first exception a task throws is rethrown here once every
  // task has run.
  void run(std::size_t count, const Task& task);
  // The same for tasks that need no per-thread scratch.
  void run(std::size_t count, const std::function<void(std::size_t task)>& task);

  // `requested` threads, 0 (or less) meaning every hardware thread; never less than 1.
  static int resolve_thread_count(int requested);

 private:
  void serve(int thread);
  void claim_and_run(int thread);

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable round_posted_;
  std::condition_variable round_left_;
  const Task* task_ = nullptr;
  std::size_t count_ = 0;
  std::atomic<std::size_t> next_index_{0};
  bool round_open_ = false;         // workers join a round only while it is open
  std::size_t workers_inside_ = 0;  // and the caller waits for those that joined
  std::uint64_t round_number_ = 0;
  bool stopping_ = false;
  std::exception_ptr failure_;
};

}  // namespace sonic::ml
