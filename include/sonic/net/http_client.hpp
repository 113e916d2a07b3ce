#pragma once
// sonic's one HTTP client (libcurl underneath; nothing else in sonic includes curl).
//
//   net::HttpClient http(spotify_http_settings());
//   const auto response = http.send(net::HttpRequest::get(url).bearer_token(token));
//
// send() returns a 2xx reply or one whose status the request accepts, and otherwise throws a
// typed error (http_errors.hpp). One client keeps one connection pool: reuse it for every call
// to a service so connections and TLS sessions stay warm. A client is not thread-safe; give
// each thread its own.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include "sonic/net/clock.hpp"
#include "sonic/net/http_errors.hpp"
#include "sonic/net/http_request.hpp"
#include "sonic/net/http_response.hpp"
#include "sonic/net/retry_policy.hpp"

namespace sonic::net {

struct HttpSettings {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};         // one attempt, from connect to last byte
  std::size_t max_response_bytes = std::size_t{16} << 20;  // decoded; larger is an InputError
  // At least this long between the starts of two requests (Last.fm and ReccoBeats ask for
  // a few requests per second at most).
  std::chrono::milliseconds min_interval{0};
  RetryPolicy retry;
};

class CurlExchange;

class HttpClient {
 public:
  explicit HttpClient(HttpSettings settings = {}, Clock& clock = system_clock());
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;

  // Throws NetworkError (unreachable, timed out, broken transfer: after the retries),
  // RateLimitedError (asked to wait past max_wait, or still limited after the retries),
  // HttpStatusError (a status the request does not accept), InputError (a reply larger than
  // max_response_bytes) or UsageError (a URL that is not http(s)).
  HttpResponse send(const HttpRequest& request);

  const HttpSettings& settings() const { return settings_; }

 private:
  void wait_for_turn();

  HttpSettings settings_;
  Clock* clock_;
  Backoff backoff_;
  std::unique_ptr<CurlExchange> curl_;
  std::optional<std::int64_t> last_start_ms_;
};

}  // namespace sonic::net
