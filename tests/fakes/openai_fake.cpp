#include "fakes/openai_fake.hpp"

namespace sonic::testing {
namespace {

using nlohmann::json;

StubReply openai_error(int status, const std::string& message, const std::string& type, const json& code) {
  return StubReply::json({{"error", {{"message", message}, {"type", type}, {"param", nullptr}, {"code", code}}}},
                         status);
}

}  // namespace

OpenAiFake::OpenAiFake() {
  server_.on("POST", "/v1/chat/completions", [this](const RecordedRequest& request) { return answer(request); });
}

void OpenAiFake::add_fault(OpenAiFault fault, int times) {
  std::lock_guard lock(mutex_);
  for (int i = 0; i < times; ++i) faults_.push_back(fault);
}

void OpenAiFake::set_retry_after(std::string header, std::string value) {
  std::lock_guard lock(mutex_);
  retry_after_header_ = std::move(header);
  retry_after_value_ = std::move(value);
}

void OpenAiFake::set_slow_delay(std::chrono::milliseconds delay) {
  std::lock_guard lock(mutex_);
  slow_delay_ = delay;
}

void OpenAiFake::set_reply(std::string text) {
  std::lock_guard lock(mutex_);
  reply_ = std::move(text);
}

StubReply OpenAiFake::answer(const RecordedRequest& request) {
  std::unique_lock lock(mutex_);
  if (faults_.empty()) return completion(request);
  const OpenAiFault fault = faults_.front();
  faults_.pop_front();
  return fault_reply(fault, request);
}

StubReply OpenAiFake::fault_reply(OpenAiFault fault, const RecordedRequest& request) {
  switch (fault) {
    case OpenAiFault::rate_limited:
      return openai_error(429, "Rate limit reached for gpt-4o-mini on requests per min (RPM)", "requests",
                          "rate_limit_exceeded")
          .header(retry_after_header_, retry_after_value_);
    case OpenAiFault::insufficient_quota:
      return openai_error(429, "You exceeded your current quota, please check your plan and billing details.",
                          "insufficient_quota", "credit_balance_exhausted");
    case OpenAiFault::invalid_api_key:
      return openai_error(401,
                          "Incorrect API key provided: " + request.header("Authorization").substr(7) +
                              ". You can find your API key at https://platform.openai.com/account/api-keys.",
                          "invalid_request_error", "invalid_api_key");
    case OpenAiFault::server_error:
      return openai_error(500, "The server had an error while processing your request. Sorry about that!",
                          "server_error", nullptr);
    case OpenAiFault::slow:
      return completion(request).after(slow_delay_);
    case OpenAiFault::cut_at_length:
      return completion(request, true);
    case OpenAiFault::llamacpp_bad_key:
      return StubReply::json(
          {{"error", {{"code", 401}, {"message", "Invalid API Key"}, {"type", "authentication_error"}}}}, 401);
    case OpenAiFault::llamacpp_loading:
      return StubReply::json({{"error", {{"code", 503}, {"message", "Loading model"}, {"type", "unavailable_error"}}}},
                             503);
    case OpenAiFault::ollama_model_missing:
      return openai_error(
          404, "model \"" + request.json().value("model", std::string()) + "\" not found, try pulling it first",
          "not_found_error", nullptr);
  }
  return completion(request);
}

StubReply OpenAiFake::completion(const RecordedRequest& request, bool cut_at_length) const {
  const json body = request.json();
  // What a server sends when the reply reached max_tokens or the end of the context.
  const std::string content = cut_at_length ? reply_.substr(0, reply_.size() / 2) : reply_;
  return StubReply::json(
      {{"id", "chatcmpl-fake" + std::to_string(server_.request_count())},
       {"object", "chat.completion"},
       {"created", 1741569952},
       {"model", body.value("model", std::string("unknown")) + "-2024-07-18"},
       {"choices", json::array({{{"index", 0},
                                 {"message", {{"role", "assistant"}, {"content", content}, {"refusal", nullptr}}},
                                 {"logprobs", nullptr},
                                 {"finish_reason", cut_at_length ? "length" : "stop"}}})},
       {"usage", {{"prompt_tokens", 19}, {"completion_tokens", 10}, {"total_tokens", 29}}},
       {"system_fingerprint", "fp_fake"}});
}

}  // namespace sonic::testing
