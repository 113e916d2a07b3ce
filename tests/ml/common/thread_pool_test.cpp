#include "ml/common/thread_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <stdexcept>
#include <vector>

namespace sonic::ml {
namespace {

TEST(ThreadPool, RunsEveryTaskOnceOnNamedThreadsRoundAfterRound) {
  ThreadPool pool(3);
  ASSERT_EQ(pool.threads(), 3);
  for (int round = 0; round < 200; ++round) {
    const int count = round % 7;  // includes 0 and 1 (run inline)
    std::vector<std::atomic<int>> runs(static_cast<std::size_t>(count));
    std::atomic<bool> thread_in_range{true};
    pool.run(static_cast<std::size_t>(count), [&](std::size_t task, int thread) {
      runs[task].fetch_add(1);
      if (thread < 0 || thread >= 3) thread_in_range = false;
    });
    for (const auto& r : runs) ASSERT_EQ(r.load(), 1) << "round " << round;
    ASSERT_TRUE(thread_in_range.load());
  }
}

TEST(ThreadPool, RunsEveryIndexExactlyOnce) {
  for (int threads : {1, 2, 4}) {
    ThreadPool pool(threads);
    EXPECT_EQ(pool.threads(), threads);
    for (std::size_t count : {0u, 1u, 7u, 1000u}) {
      std::vector<std::atomic<int>> calls(count);
      pool.run(count, [&](std::size_t i) { calls[i] += 1; });
      for (std::size_t i = 0; i < count; ++i) EXPECT_EQ(calls[i].load(), 1) << threads << " " << i;
    }
  }
}

TEST(ThreadPool, RethrowsATaskFailureAfterTheOthersFinish) {
  ThreadPool pool(2);
  std::atomic<int> finished{0};
  EXPECT_THROW(pool.run(20,
                        [&](std::size_t task, int) {
                          if (task == 3) throw std::runtime_error("task 3 failed");
                          finished.fetch_add(1);
                        }),
               std::runtime_error);
  EXPECT_EQ(finished.load(), 19);
  // Still usable afterwards.
  std::atomic<int> again{0};
  pool.run(5, [&](std::size_t, int) { again.fetch_add(1); });
  EXPECT_EQ(again.load(), 5);
}

TEST(ThreadPool, RethrowsATasksExceptionAndStaysUsable) {
  ThreadPool pool(3);
  EXPECT_THROW(pool.run(100,
                        [](std::size_t i) {
                          if (i == 42) throw std::runtime_error("task 42");
                        }),
               std::runtime_error);
  std::atomic<int> calls{0};
  pool.run(10, [&](std::size_t) { calls += 1; });
  EXPECT_EQ(calls.load(), 10);
}

TEST(ThreadPool, OneThreadRunsInlineInOrder) {
  ThreadPool pool(1);
  std::vector<std::size_t> order;
  pool.run(4, [&](std::size_t task, int thread) {
    EXPECT_EQ(thread, 0);
    order.push_back(task);
  });
  EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2, 3}));
  EXPECT_GE(ThreadPool::resolve_thread_count(0), 1);
  EXPECT_EQ(ThreadPool::resolve_thread_count(5), 5);
}

}  // namespace
}  // namespace sonic::ml
