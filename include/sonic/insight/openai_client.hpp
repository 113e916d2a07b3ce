#pragma once
// Chat completions from OpenAI or a server that speaks its API (Ollama, llama.cpp):
//
//   insight::OpenAiClient client(insight::OpenAiSettings::from_environment());
//   const auto reply = client.chat({{"system", "…"}, {"user", "…"}});
//
// POST {base}/chat/completions with a Bearer key (registered as a secret, so it is masked in
// every log line and message). 429 rate limits, 408 and 5xx are retried with backoff, waiting
// what retry-after-ms / Retry-After ask when that is at most a minute (the official SDK's rule);
// a 429 "insufficient_quota" is final, as is a reply carrying x-should-retry: false.
// Failures: net::NetworkError (unreachable, timed out), net::RateLimitedError (still limited,
// or asked to wait longer than a minute), OpenAiError (a refusal, read from any of the error
// shapes in openai_error.hpp), InputError (a reply that is not a chat completion).
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sonic/insight/openai_error.hpp"
#include "sonic/net/http_client.hpp"

namespace sonic::insight {

inline constexpr const char* kDefaultOpenAiBaseUrl = "https://api.openai.com/v1";
inline constexpr const char* kDefaultOpenAiModel = "gpt-4o-mini";

// Local models can take a while to write a few paragraphs; a stalled server should not hang cron.
net::HttpSettings openai_http_settings(std::chrono::milliseconds total_timeout = std::chrono::seconds(120));

struct OpenAiSettings {
  std::string base_url = kDefaultOpenAiBaseUrl;  // up to and including /v1
  std::string api_key;                           // empty: no Authorization header
  std::string model = kDefaultOpenAiModel;
  net::HttpSettings http = openai_http_settings();

  // OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_MODEL and OPENAI_TIMEOUT (seconds per attempt);
  // unset or empty variables keep the defaults. A UsageError names a bad OPENAI_TIMEOUT.
  static OpenAiSettings from_environment();
  // True when the base URL is OpenAI's own (which takes max_completion_tokens, not max_tokens).
  bool is_openai() const;
  // True when the base URL is an Ollama server's (its port, 11434, or OPENAI_SERVER=ollama).
  bool is_ollama() const;
  // A key or a base URL of its own (Ollama and llama.cpp need no key): a model is meant to be used.
  bool configured() const;

  bool ollama = false;  // OPENAI_SERVER=ollama: an Ollama server on another port
};

struct ChatMessage {
  std::string role;  // system | user | assistant
  std::string content;
};

// Structured output: the reply must be one JSON value under `schema`. Sent as OpenAI's
// `response_format: {"type":"json_schema","json_schema":{name, strict, schema}}`, which
// llama.cpp's server (a grammar then forces it) and Ollama's OpenAI endpoint also read; to an
// Ollama server (OpenAiSettings::is_ollama) the schema also goes as Ollama's own `format`.
struct ReplySchema {
  std::string name;
  nlohmann::json schema;
};

struct ChatOptions {
  double temperature = 0.2;
  int max_tokens = 900;
  std::optional<ReplySchema> schema;
};

struct ChatReply {
  std::string text;
  std::string model;          // as the server names it
  std::string finish_reason;  // stop | length | content_filter | …
};

// Reads a chat completion reply (`body` parsed, `raw_body` as received, for the message); a reply
// without choices or without text is an InputError naming `server`. Pure: tested and fuzzed
// without a server.
ChatReply read_chat_reply(const nlohmann::json& body, std::string_view raw_body, const std::string& server);

class OpenAiClient {
 public:
  explicit OpenAiClient(OpenAiSettings settings, net::Clock& clock = net::system_clock());

  ChatReply chat(const std::vector<ChatMessage>& messages, const ChatOptions& options = {});

  const OpenAiSettings& settings() const { return settings_; }

 private:
  OpenAiSettings settings_;
  net::HttpClient http_;
};

}  // namespace sonic::insight
