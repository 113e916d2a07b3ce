#pragma once
// The typed errors of the network layer, each with the exit status that tells cron whether to
// simply run again later (5, 6) or to wake a person (everything else). Messages name the
// request with its secrets masked and never carry more than a short excerpt of a body.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "sonic/core/error.hpp"

namespace sonic::net {

// The service could not be reached, timed out or broke the connection, and kept doing so
// through every retry. Exit 6: try again later.
class NetworkError : public Error {
 public:
  explicit NetworkError(const std::string& message) : Error(ExitCode::network, message) {}
};

// The service asked us to come back later, either for longer than we are willing to sleep or
// after every retry was spent. Exit 5; retry_at_ms() is when the caller may try again.
class RateLimitedError : public Error {
 public:
  RateLimitedError(const std::string& what_was_asked, int status, std::chrono::milliseconds wait,
                   std::int64_t now_utc_ms);
  std::int64_t retry_at_ms() const { return retry_at_ms_; }
  std::chrono::milliseconds wait() const { return wait_; }

 private:
  std::chrono::milliseconds wait_;
  std::int64_t retry_at_ms_;
};

// A reply the caller did not say it handles. A 5xx or 408 that outlasted the retries means the
// service is down: exit 6 like a network fault. Any other status (a 4xx, a 3xx, a 429 the
// retry policy was told not to retry) needs a person: exit 1.
class HttpStatusError : public Error {
 public:
  // `masked_body` must already have the request's secrets masked.
  HttpStatusError(const std::string& what_was_asked, int status, std::string masked_body);
  int status() const { return status_; }
  // The whole body, masked, for callers that map a service's error object to their own error.
  const std::string& body() const { return body_; }

 private:
  int status_;
  std::string body_;
};

// At most `limit` bytes of `body` fit for one line of an error message: control characters and
// runs of white space become one space, the cut falls on a UTF-8 boundary and is marked "...".
std::string body_excerpt(std::string_view body, std::size_t limit = 200);

// "850 ms", "3.0 s", "2 min 5 s", "20 h 37 min".
std::string describe_duration(std::chrono::milliseconds duration);

}  // namespace sonic::net
