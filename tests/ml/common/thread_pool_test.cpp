#include "ml/common/thread_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

namespace sonic::ml {
namespace {

TEST(TaskPool, RunsEveryTaskOnceOnNamedThreadsRoundAfterRound) {
  TaskPool pool(3);
  ASSERT_EQ(pool.threads(), 3);
  for (int round = 0; round < 200; ++round) {
    const int count = round % 7;  // includes 0 and 1 (run inline)
    std::vector<std::atomic<int>> runs(static_cast<std::size_t>(count));
    std::atomic<bool> thread_in_range{true};
    pool.run(count, [&](int task, int thread) {
      runs[static_cast<std::size_t>(task)].fetch_add(1);
      if (thread < 0 || thread >= 3) thread_in_range = false;
    });
    for (const auto& r : runs) ASSERT_EQ(r.load(), 1) << "round " << round;
    ASSERT_TRUE(thread_in_range.load());
  }
}

TEST(TaskPool, RethrowsATaskFailureAfterTheOthersFinish) {
  TaskPool pool(2);
  std::atomic<int> finished{0};
  EXPECT_THROW(pool.run(20,
                        [&](int task, int) {
                          if (task == 3) throw std::runtime_error("task 3 failed");
                          finished.fetch_add(1);
                        }),
               std::runtime_error);
  EXPECT_EQ(finished.load(), 19);
  // Still usable afterwards.
  std::atomic<int> again{0};
  pool.run(5, [&](int, int) { again.fetch_add(1); });
  EXPECT_EQ(again.load(), 5);
}

TEST(TaskPool, OneThreadRunsInlineInOrder) {
  TaskPool pool(1);
  std::vector<int> order;
  pool.run(4, [&](int task, int thread) {
    EXPECT_EQ(thread, 0);
    order.push_back(task);
  });
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3}));
  EXPECT_GE(TaskPool::resolve_thread_count(0), 1);
  EXPECT_EQ(TaskPool::resolve_thread_count(5), 5);
}

}  // namespace
}  // namespace sonic::ml
