#pragma once
// An OpenAI-compatible chat server on a loopback port: POST /v1/chat/completions answers a
// chat.completion (external-services.md §3), or the next scripted fault in the error shape of
// the server that sends it:
//
//   OpenAiFake openai;
//   openai.add_fault(OpenAiFault::rate_limited);  // 429 rate_limit_exceeded, retry-after-ms 20
//   ... point the client at openai.base_url() (OPENAI_BASE_URL) ...
//   EXPECT_EQ(openai.completion_requests(), 2u);
#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "fakes/stub_server.hpp"

namespace sonic::testing {

enum class OpenAiFault {
  rate_limited,          // OpenAI 429 rate_limit_exceeded with retry-after-ms (set_retry_after)
  insufficient_quota,    // OpenAI 429 insufficient_quota / credit_balance_exhausted
  invalid_api_key,       // OpenAI 401 invalid_api_key
  server_error,          // OpenAI 500 server_error
  slow,                  // the normal reply after set_slow_delay (a client timeout)
  cut_at_length,         // the first half of the normal reply, finish_reason "length" (max_tokens or context)
  llamacpp_bad_key,      // llama.cpp 401 {"error":{"code":401,…,"type":"authentication_error"}}
  llamacpp_loading,      // llama.cpp 503 {"error":{"code":503,"message":"Loading model",…}}
  ollama_model_missing,  // Ollama 404 {"error":{…,"type":"not_found_error","code":null}}
};

class OpenAiFake {
 public:
  static constexpr const char* kApiKey = "sk-fake-0123456789abcdef";
  static constexpr const char* kDefaultReply =
      "Your weekday evenings carry most of your listening. You are a steady, curious listener.";

  OpenAiFake();

  std::string base_url() const { return server_.url("/v1"); }  // OPENAI_BASE_URL

  void add_fault(OpenAiFault fault, int times = 1);
  // The header the rate-limit fault carries: ("retry-after-ms", "20") by default.
  void set_retry_after(std::string header, std::string value);
  void set_slow_delay(std::chrono::milliseconds delay);  // default 3 s
  void set_reply(std::string text);

  std::size_t completion_requests() const { return server_.request_count(); }
  std::vector<RecordedRequest> requests() const { return server_.requests(); }

 private:
  StubReply answer(const RecordedRequest& request);
  StubReply fault_reply(OpenAiFault fault, const RecordedRequest& request);
  StubReply completion(const RecordedRequest& request, bool cut_at_length = false) const;

  StubServer server_;
  mutable std::mutex mutex_;
  std::deque<OpenAiFault> faults_;
  std::string retry_after_header_ = "retry-after-ms";
  std::string retry_after_value_ = "20";
  std::chrono::milliseconds slow_delay_{3000};
  std::string reply_ = kDefaultReply;
};

}  // namespace sonic::testing
