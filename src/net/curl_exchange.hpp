#pragma once
// One request and its reply over a libcurl easy handle. The handle lives as long as its
// HttpClient and is reset, not recreated, between requests: curl_easy_reset clears the options
// but keeps open connections, TLS sessions and the DNS cache, so calls to one service reuse
// a warm connection.
#include <curl/curl.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <variant>

#include "sonic/net/http_client.hpp"

namespace sonic::net {

// Why an exchange ended without a complete reply.
enum class TransportFault {
  connect,       // no connection: name not resolved, connection refused
  timeout,       // connect or total timeout
  broken,        // the connection broke mid-exchange: send or receive failed, empty reply
  truncated,     // the body ended before its declared length
  too_large,     // the body passed max_response_bytes
  bad_url,       // not an http(s) URL curl can use
  tls_rejected,  // the server's certificate did not verify: retrying will not help
  other,
};

// Faults a later attempt may not meet.
bool is_transient(TransportFault fault);

struct TransportFailure {
  TransportFault fault;
  std::string message;  // curl's account, with the request's secrets masked
};

using ExchangeOutcome = std::variant<HttpResponse, TransportFailure>;

class CurlExchange {
 public:
  explicit CurlExchange(const HttpSettings& settings);
  ~CurlExchange();
  CurlExchange(const CurlExchange&) = delete;
  CurlExchange& operator=(const CurlExchange&) = delete;

  ExchangeOutcome perform(const HttpRequest& request);

 private:
  CURL* handle_;
  std::chrono::milliseconds connect_timeout_;
  std::chrono::milliseconds total_timeout_;
  std::size_t max_response_bytes_;
};

}  // namespace sonic::net
