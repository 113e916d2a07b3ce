#include "sonic/net/retry_policy.hpp"

namespace sonic::net {

bool is_retryable_status(int status) { return status == 408 || status == 429 || status >= 500; }

Backoff::Backoff(std::chrono::milliseconds first, std::chrono::milliseconds max, std::uint64_t seed)
    : first_(first), max_(max), random_(seed) {}

std::chrono::milliseconds Backoff::ceiling(int retry) const {
  auto ceiling = first_;
  for (int i = 0; i < retry && ceiling < max_; ++i) ceiling *= 2;  // stops before it can overflow
  return std::min(ceiling, max_);
}

std::chrono::milliseconds Backoff::delay(int retry) {
  return std::chrono::milliseconds(random_.integer(0, ceiling(retry).count()));
}

}  // namespace sonic::net
