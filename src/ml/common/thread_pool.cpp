#include "ml/common/thread_pool.hpp"

#include <algorithm>
#include <utility>

namespace sonic::ml {

int ThreadPool::resolve_thread_count(int requested) {
  if (requested > 0) return requested;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

ThreadPool::ThreadPool(int threads) {
  const int total = resolve_thread_count(threads);
  workers_.reserve(static_cast<std::size_t>(total - 1));
  for (int thread = 1; thread < total; ++thread) workers_.emplace_back([this, thread] { serve(thread); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  round_posted_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

void ThreadPool::run(std::size_t count, const std::function<void(std::size_t task)>& task) {
  run(count, [&task](std::size_t index, int) { task(index); });
}

void ThreadPool::run(std::size_t count, const Task& task) {
  if (workers_.empty() || count <= 1) {
    for (std::size_t index = 0; index < count; ++index) task(index, 0);
    return;
  }
  {
    std::lock_guard lock(mutex_);
    task_ = &task;
    count_ = count;
    next_index_.store(0, std::memory_order_relaxed);
    round_open_ = true;
    ++round_number_;
  }
  round_posted_.notify_all();
  claim_and_run(0);
  std::exception_ptr failure;
  {
    // Every index is claimed now; wait for the workers still running one.
    std::unique_lock lock(mutex_);
    round_open_ = false;
    round_left_.wait(lock, [this] { return workers_inside_ == 0; });
    task_ = nullptr;
    failure = std::exchange(failure_, nullptr);
  }
  if (failure) std::rethrow_exception(failure);
}

void ThreadPool::serve(int thread) {
  std::uint64_t last_round = 0;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      round_posted_.wait(lock, [&] { return stopping_ || round_number_ != last_round; });
      if (stopping_) return;
      last_round = round_number_;
      if (!round_open_) continue;  // woke too late: the caller has finished it
      ++workers_inside_;
    }
    claim_and_run(thread);
    std::lock_guard lock(mutex_);
    if (--workers_inside_ == 0) round_left_.notify_one();
  }
}

void ThreadPool::claim_and_run(int thread) {
  for (;;) {
    const std::size_t index = next_index_.fetch_add(1, std::memory_order_relaxed);
    if (index >= count_) return;
    try {
      (*task_)(index, thread);
    } catch (...) {
      std::lock_guard lock(mutex_);
      if (!failure_) failure_ = std::current_exception();
    }
  }
}

}  // namespace sonic::ml
