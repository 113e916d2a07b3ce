#pragma once
// Faults a fake service answers with instead of its normal reply, in the order they were
// scripted, then normal replies again. Shared by the ReccoBeats and Last.fm fakes.
#include <chrono>
#include <deque>
#include <mutex>
#include <string>

#include "fakes/stub_server.hpp"

namespace sonic::testing {

enum class Fault {
  none,          // the normal reply: scripts "two good replies, then 500s"
  rate_limited,  // 429 with Retry-After (FaultScript::retry_after)
  server_error,  // 500 with a plain-text body
  timeout,       // the normal reply, but only after FaultScript::timeout_delay
  truncated,     // the normal reply announced whole, cut at half its body
};

class FaultScript {
 public:
  void add(Fault fault, int times = 1);
  // Waits before every reply from now on: a slow service.
  void set_delay(std::chrono::milliseconds delay);
  void set_retry_after(std::string value);                  // default "1" (seconds)
  void set_timeout_delay(std::chrono::milliseconds delay);  // default 3 s

  // The reply to send: `normal`, or the next scripted fault made of it.
  StubReply shape(StubReply normal);

 private:
  std::mutex mutex_;
  std::deque<Fault> faults_;
  std::chrono::milliseconds delay_{0};
  std::string retry_after_ = "1";
  std::chrono::milliseconds timeout_delay_{3000};
};

}  // namespace sonic::testing
