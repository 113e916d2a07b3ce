#include "ml/gbdt/worker_pool.hpp"

#include <algorithm>

namespace sonic::ml::gbdt {

WorkerPool::WorkerPool(std::size_t thread_count) {
  if (thread_count == 0) thread_count = std::max(1u, std::thread::hardware_concurrency());
  workers_.reserve(thread_count - 1);
  for (std::size_t i = 1; i < thread_count; ++i) workers_.emplace_back([this] { serve(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  job_posted_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

void WorkerPool::run(std::size_t count, const std::function<void(std::size_t)>& task) {
  if (count == 0) return;
  if (workers_.empty() || count == 1) {
    for (std::size_t i = 0; i < count; ++i) task(i);
    return;
  }
  {
    std::lock_guard lock(mutex_);
    task_ = &task;
    count_ = count;
    next_index_.store(0, std::memory_order_relaxed);
    failure_ = nullptr;
    job_open_ = true;
    ++job_number_;
  }
  job_posted_.notify_all();
  claim_and_run();
  std::exception_ptr failure;
  {
    // Every index is claimed now; wait for the workers still running one.
    std::unique_lock lock(mutex_);
    job_open_ = false;
    job_left_.wait(lock, [this] { return workers_inside_ == 0; });
    task_ = nullptr;
    failure = failure_;
  }
  if (failure) std::rethrow_exception(failure);
}

void WorkerPool::serve() {
  std::uint64_t last_job = 0;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      job_posted_.wait(lock, [&] { return stopping_ || job_number_ != last_job; });
      if (stopping_) return;
      last_job = job_number_;
      if (!job_open_) continue;  // woke too late: the caller has finished it
      ++workers_inside_;
    }
    claim_and_run();
    std::lock_guard lock(mutex_);
    if (--workers_inside_ == 0) job_left_.notify_one();
  }
}

void WorkerPool::claim_and_run() {
  for (;;) {
    const std::size_t index = next_index_.fetch_add(1, std::memory_order_relaxed);
    if (index >= count_) return;
    try {
      (*task_)(index);
    } catch (...) {
      std::lock_guard lock(mutex_);
      if (!failure_) failure_ = std::current_exception();
      next_index_.store(count_, std::memory_order_relaxed);
    }
  }
}

}  // namespace sonic::ml::gbdt
