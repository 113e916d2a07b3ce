#include "ml/common/parallel_chunks.hpp"

#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace sonic::ml::detail {

int resolve_thread_count(int requested) {
  if (requested > 0) return requested;
  const unsigned hardware = std::thread::hardware_concurrency();
  return hardware == 0 ? 1 : static_cast<int>(hardware);
}

void run_chunks(std::size_t chunk_count, int threads, const std::function<void(std::size_t)>& task) {
  const auto workers = std::min<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), chunk_count);
  if (workers <= 1) {
    for (std::size_t chunk = 0; chunk < chunk_count; ++chunk) task(chunk);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&] {
    try {
      for (std::size_t chunk = next++; chunk < chunk_count; chunk = next++) task(chunk);
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = chunk_count;  // the others stop after their current chunk
    }
  };
  std::vector<std::jthread> helpers;
  helpers.reserve(workers - 1);
  for (std::size_t i = 1; i < workers; ++i) helpers.emplace_back(work);
  work();
  helpers.clear();  // joins
  if (failure) std::rethrow_exception(failure);
}

}  // namespace sonic::ml::detail
