#include "sonic/net/clock.hpp"

#include <thread>

#include "sonic/core/utc_time.hpp"

namespace sonic::net {
namespace {

class SystemClock final : public Clock {
 public:
  std::int64_t now_utc_ms() override { return sonic::now_utc_ms(); }
  void sleep(std::chrono::milliseconds duration) override {
    if (duration.count() > 0) std::this_thread::sleep_for(duration);
  }
};

}  // namespace

Clock& system_clock() {
  static SystemClock clock;
  return clock;
}

}  // namespace sonic::net
