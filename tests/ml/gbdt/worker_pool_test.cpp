#include "ml/gbdt/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

namespace sonic::ml::gbdt {
namespace {

TEST(GbdtWorkerPool, RunsEveryIndexExactlyOnce) {
  for (std::size_t threads : {1u, 2u, 4u}) {
    WorkerPool pool(threads);
    EXPECT_EQ(pool.thread_count(), threads);
    for (std::size_t count : {0u, 1u, 7u, 1000u}) {
      std::vector<std::atomic<int>> calls(count);
      pool.run(count, [&](std::size_t i) { calls[i] += 1; });
      for (std::size_t i = 0; i < count; ++i) EXPECT_EQ(calls[i].load(), 1) << threads << " " << i;
    }
  }
}

TEST(GbdtWorkerPool, RethrowsATasksExceptionAndStaysUsable) {
  WorkerPool pool(3);
  EXPECT_THROW(pool.run(100,
                        [](std::size_t i) {
                          if (i == 42) throw std::runtime_error("task 42");
                        }),
               std::runtime_error);
  std::atomic<int> calls{0};
  pool.run(10, [&](std::size_t) { calls += 1; });
  EXPECT_EQ(calls.load(), 10);
}

}  // namespace
}  // namespace sonic::ml::gbdt
