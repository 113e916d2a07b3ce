#pragma once
// A fixed set of worker threads that run numbered tasks, for training loops that hand out
// thousands of small rounds of work: threads are started once, not per round. Which thread runs
// which task varies from run to run, so callers keep results per task (never per thread) and
// combine them in task order; that is what makes a result independent of the thread count.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sonic::ml {

class TaskPool {
 public:
  // `threads` counts the calling thread, which works too: 1 runs everything inline.
  explicit TaskPool(int threads);
  ~TaskPool();
  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;

  int threads() const { return static_cast<int>(workers_.size()) + 1; }

  // Runs task(index, thread) for every index in [0, count) and returns when all are done.
  // `thread` in [0, threads()) names the thread running it, for per-thread scratch space. The
  // first exception a task throws is rethrown here once every task has finished.
  void run(int count, const std::function<void(int task, int thread)>& task);

  // 0 means every hardware thread.
  static int resolve_thread_count(int requested);

 private:
  void work(int thread);
  void drain(int thread);

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable finished_;
  const std::function<void(int, int)>* task_ = nullptr;
  int count_ = 0;
  std::atomic<int> next_{0};
  int busy_ = 0;
  std::uint64_t round_ = 0;
  bool stopping_ = false;
  std::exception_ptr error_;
};

}  // namespace sonic::ml
