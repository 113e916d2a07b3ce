#include "fakes/fault_script.hpp"

namespace sonic::testing {

void FaultScript::add(Fault fault, int times) {
  std::lock_guard lock(mutex_);
  for (int i = 0; i < times; ++i) faults_.push_back(fault);
}

void FaultScript::set_delay(std::chrono::milliseconds delay) {
  std::lock_guard lock(mutex_);
  delay_ = delay;
}

void FaultScript::set_retry_after(std::string value) {
  std::lock_guard lock(mutex_);
  retry_after_ = std::move(value);
}

void FaultScript::set_timeout_delay(std::chrono::milliseconds delay) {
  std::lock_guard lock(mutex_);
  timeout_delay_ = delay;
}

StubReply FaultScript::shape(StubReply normal) {
  std::lock_guard lock(mutex_);
  normal.after(delay_);
  if (faults_.empty()) return normal;
  const Fault fault = faults_.front();
  faults_.pop_front();
  switch (fault) {
    case Fault::none:
      return normal;
    case Fault::rate_limited:
      return StubReply::json({{"error", "Too Many Requests"}}, 429).header("Retry-After", retry_after_);
    case Fault::server_error:
      return StubReply::error(500, "Internal Server Error");
    case Fault::timeout:
      return normal.after(timeout_delay_);
    case Fault::truncated:
      return normal.truncated_at(normal.body.size() / 2);
  }
  return normal;
}

}  // namespace sonic::testing
