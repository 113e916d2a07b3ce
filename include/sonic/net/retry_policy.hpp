#pragma once
// When to try a request again, and how long to wait first. One policy per service (Spotify,
// ReccoBeats, Last.fm, OpenAI each set their own numbers); HttpClient applies it.
//
// Retried: connection failures, timeouts, broken or truncated transfers, 408, 429 and 5xx.
// The wait is what the server asked for (retry-after-ms, else Retry-After in seconds or as an
// HTTP date) or, without a hint, exponential backoff with full jitter. A requested wait longer
// than max_wait is not slept through: the request fails at once with a RateLimitedError that
// says when to come back, so an hourly cron job records it and exits instead of hanging.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>

#include "sonic/core/random.hpp"
#include "sonic/net/http_response.hpp"

namespace sonic::net {

struct RetryPolicy {
  int max_retries = 3;  // attempts = 1 + max_retries
  std::chrono::milliseconds first_backoff{500};
  std::chrono::milliseconds max_backoff{8'000};
  std::chrono::milliseconds max_wait{120'000};  // longest server-requested wait we sleep through
  std::uint64_t jitter_seed = 0x5e1d1c;
  // Says "this reply is final" for a status that is normally retried, e.g. OpenAI's 429 with
  // "insufficient_quota": waiting does not add credit. The reply then goes to the caller like
  // any other unhandled status.
  std::function<bool(const HttpResponse&)> do_not_retry;
};

bool is_retryable_status(int status);  // 408, 429, 5xx

// Exponential backoff with full jitter: retry n (0 for the first) waits a uniform whole number
// of milliseconds in [0, min(max_backoff, first_backoff * 2^n)]. Full jitter spreads clients
// that failed together; the seeded generator makes the sequence reproducible in tests.
class Backoff {
 public:
  Backoff(std::chrono::milliseconds first, std::chrono::milliseconds max, std::uint64_t seed);
  explicit Backoff(const RetryPolicy& policy) : Backoff(policy.first_backoff, policy.max_backoff, policy.jitter_seed) {}

  std::chrono::milliseconds ceiling(int retry) const;
  std::chrono::milliseconds delay(int retry);

 private:
  std::chrono::milliseconds first_;
  std::chrono::milliseconds max_;
  SeededRandom random_;
};

}  // namespace sonic::net
