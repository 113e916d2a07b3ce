#include "sonic/core/run_lock.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "support/temp_dir.hpp"

namespace sonic {
namespace {

TEST(RunLock, SecondHolderIsRefusedUntilTheFirstLetsGo) {
  testing::TempDir dir;
  const auto file = dir / "sonic.lock";
  auto first = RunLock::try_acquire(file);
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(RunLock::try_acquire(file).has_value());  // flock is per open file, even in-process
  first.reset();
  EXPECT_TRUE(RunLock::try_acquire(file).has_value());
}

TEST(RunLock, AKilledHolderLeavesNoStaleLock) {
  testing::TempDir dir;
  const auto file = dir / "sonic.lock";
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto held = RunLock::try_acquire(file);
    pause();  // hold it until killed
    _exit(0);
  }
  // Wait until the child holds it.
  for (int i = 0; i < 200 && RunLock::try_acquire(file).has_value(); ++i) usleep(5000);
  EXPECT_FALSE(RunLock::try_acquire(file).has_value());
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  EXPECT_TRUE(RunLock::try_acquire(file).has_value());
}

TEST(RunLock, WaitingAcquireGetsItWhenReleased) {
  testing::TempDir dir;
  const auto file = dir / "sonic.lock";
  auto first = RunLock::try_acquire(file);
  ASSERT_TRUE(first.has_value());
  std::thread releaser([&first] {
    usleep(50'000);
    first.reset();
  });
  RunLock second = RunLock::acquire_waiting(file);
  releaser.join();
  EXPECT_FALSE(RunLock::try_acquire(file).has_value());
}

}  // namespace
}  // namespace sonic
