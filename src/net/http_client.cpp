#include "sonic/net/http_client.hpp"

#include <spdlog/spdlog.h>

#include "curl_exchange.hpp"
#include "sonic/net/requested_wait.hpp"

namespace sonic::net {
namespace {

std::string attempts_text(int attempts) {
  return attempts == 1 ? std::string() : " after " + std::to_string(attempts) + " attempts";
}

[[noreturn]] void throw_transport_failure(const std::string& what, const TransportFailure& failure, int attempts,
                                          const HttpSettings& settings) {
  switch (failure.fault) {
    case TransportFault::too_large:
      throw InputError(what + " answered with more than the " + std::to_string(settings.max_response_bytes) +
                       " bytes a reply may have");
    case TransportFault::bad_url:
      throw UsageError(what + " is not an http(s) URL sonic can fetch: " + failure.message);
    default:
      throw NetworkError(what + " failed" + attempts_text(attempts) + ": " + failure.message);
  }
}

// The reply to a request that has no retry left, or that must not be retried.
[[noreturn]] void throw_final_status(const std::string& what, const HttpRequest& request,
                                     const HttpResponse& response) {
  throw HttpStatusError(what, response.status, request.mask(response.body));
}

}  // namespace

HttpClient::HttpClient(HttpSettings settings, Clock& clock)
    : settings_(std::move(settings)),
      clock_(&clock),
      backoff_(settings_.retry),
      curl_(std::make_unique<CurlExchange>(settings_)) {}

HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

HttpResponse HttpClient::send(const HttpRequest& request) {
  const std::string what = request.describe();
  const RetryPolicy& policy = settings_.retry;
  for (int retry = 0;; ++retry) {
    const bool last_attempt = retry >= policy.max_retries;
    wait_for_turn();
    if (spdlog::should_log(spdlog::level::trace) && !request.body().empty()) {
      spdlog::trace("{} body: {}", what, request.describe_body());
    }
    const auto started = std::chrono::steady_clock::now();
    ExchangeOutcome outcome = curl_->perform(request);
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);

    std::chrono::milliseconds wait{0};
    std::string reason;
    if (const auto* failure = std::get_if<TransportFailure>(&outcome)) {
      spdlog::debug("{} failed in {} ms: {}", what, elapsed.count(), failure->message);
      if (!is_transient(failure->fault) || last_attempt) {
        throw_transport_failure(what, *failure, retry + 1, settings_);
      }
      wait = backoff_.delay(retry);
      reason = failure->message;
    } else {
      auto& response = std::get<HttpResponse>(outcome);
      spdlog::debug("{} -> HTTP {} in {} ms, {} bytes", what, response.status, elapsed.count(), response.body.size());
      if (response.ok() || request.accepts(response.status)) return std::move(response);
      if (!is_retryable_status(response.status) || (policy.do_not_retry && policy.do_not_retry(response))) {
        throw_final_status(what, request, response);
      }
      const std::int64_t now = clock_->now_utc_ms();
      const auto asked = requested_wait(response.headers, now);
      if (asked && *asked > policy.max_wait) {
        throw RateLimitedError(what, response.status, *asked, now);  // too long to sleep through
      }
      wait = asked ? *asked : backoff_.delay(retry);
      if (last_attempt) {
        if (response.status == 429 || asked) throw RateLimitedError(what, response.status, wait, now);
        throw_final_status(what, request, response);
      }
      reason = "HTTP " + std::to_string(response.status);
    }
    spdlog::info("{}: {}; retry {} of {} in {}", what, reason, retry + 1, policy.max_retries, describe_duration(wait));
    clock_->sleep(wait);
  }
}

void HttpClient::wait_for_turn() {
  const auto interval = settings_.min_interval.count();
  if (interval > 0 && last_start_ms_) {
    const std::int64_t due = *last_start_ms_ + interval;
    const std::int64_t now = clock_->now_utc_ms();
    if (due > now) clock_->sleep(std::chrono::milliseconds(due - now));
  }
  last_start_ms_ = clock_->now_utc_ms();
}

}  // namespace sonic::net
