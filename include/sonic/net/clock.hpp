#pragma once
// Time as the network layer sees it: the current UTC time (to turn a Retry-After date into a
// wait and a wait into "try again at") and a way to sleep. Tests pass a fake that records the
// sleeps and moves its own time forward, so retry sequences are checked without waiting.
#include <chrono>
#include <cstdint>

namespace sonic::net {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t now_utc_ms() = 0;
  virtual void sleep(std::chrono::milliseconds duration) = 0;
};

// The real clock: the system's UTC time and std::this_thread::sleep_for.
Clock& system_clock();

}  // namespace sonic::net
