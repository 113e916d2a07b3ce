#pragma once
// A clock for tests of waiting: sleep() returns at once, records how long it was asked to
// sleep and moves the clock's time forward by as much, so "wait 3 s then retry" is checked
// without waiting 3 s.
#include <chrono>
#include <cstdint>
#include <vector>

#include "sonic/net/clock.hpp"

namespace sonic::testing {

class FakeClock final : public net::Clock {
 public:
  // 2026-05-01T12:00:00Z: a realistic "now" for HTTP dates.
  static constexpr std::int64_t kDefaultStartMs = 1'777'636'800'000;

  explicit FakeClock(std::int64_t start_utc_ms = kDefaultStartMs) : now_ms_(start_utc_ms) {}

  std::int64_t now_utc_ms() override { return now_ms_; }
  void sleep(std::chrono::milliseconds duration) override {
    sleeps_.push_back(duration);
    now_ms_ += duration.count();
  }

  void advance(std::chrono::milliseconds duration) { now_ms_ += duration.count(); }
  const std::vector<std::chrono::milliseconds>& sleeps() const { return sleeps_; }

 private:
  std::int64_t now_ms_;
  std::vector<std::chrono::milliseconds> sleeps_;
};

}  // namespace sonic::testing
