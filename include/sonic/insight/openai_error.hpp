#pragma once
// What an OpenAI-compatible server said went wrong, read from the three error shapes in use
// (external-services.md §3):
//   OpenAI     {"error":{"message":…,"type":"insufficient_quota","param":null,"code":"…"}}
//   Ollama     {"error":{"message":…,"type":"not_found_error","param":null,"code":null}}
//              and its native {"error":"model 'x' not found"}
//   llama.cpp  {"error":{"code":401,"message":"Invalid API Key","type":"authentication_error"}}
#include <optional>
#include <string>
#include <string_view>

#include "sonic/core/error.hpp"

namespace sonic::insight {

struct OpenAiErrorBody {
  std::string message;
  std::string type;  // "" when absent
  std::string code;  // a string code as is, an integer code in decimal, "" when null or absent
};

// nullopt when the body is not JSON or carries no "error".
std::optional<OpenAiErrorBody> parse_openai_error(std::string_view body);

// 429 whose type or code says the account is out of credit: waiting will not help.
bool is_insufficient_quota(int status, const std::optional<OpenAiErrorBody>& error);

// A failed chat completion, with the exit status that says who must act:
//   usage (2)      the key was refused (401/403) or the account has no quota left
//   network (6)    the server kept failing (5xx after the retries)
//   unexpected (1) any other refusal (an unknown model, a malformed request)
class OpenAiError : public Error {
 public:
  OpenAiError(ExitCode exit, int status, OpenAiErrorBody error, const std::string& message)
      : Error(exit, message), status_(status), error_(std::move(error)) {}
  int status() const { return status_; }
  const OpenAiErrorBody& error() const { return error_; }

 private:
  int status_;
  OpenAiErrorBody error_;
};

// The error for an HTTP status and its (already masked) body from `server` (the base URL).
OpenAiError openai_error_for(const std::string& server, int status, std::string_view masked_body);

}  // namespace sonic::insight
