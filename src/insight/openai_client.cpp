#include "sonic/insight/openai_client.hpp"

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "sonic/core/logging.hpp"

namespace sonic::insight {
namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::chrono::milliseconds timeout_from(const std::string& text) {
  char* end = nullptr;
  const double seconds = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0' || !(seconds > 0) || seconds > 3600) {
    throw UsageError("OPENAI_TIMEOUT must be a number of seconds between 0 and 3600, not '" + text + "'");
  }
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
}

bool final_reply(const net::HttpResponse& response) {
  const auto should_retry = response.headers.find("x-should-retry");
  if (should_retry && *should_retry == "false") return true;
  return is_insufficient_quota(response.status, parse_openai_error(response.body));
}

}  // namespace

ChatReply read_chat_reply(const nlohmann::json& body, std::string_view raw_body, const std::string& server) {
  const auto* choices = body.is_object() && body.contains("choices") ? &body["choices"] : nullptr;
  if (!choices || !choices->is_array() || choices->empty() || !(*choices)[0].is_object()) {
    throw InputError(server + " answered without choices: " + net::body_excerpt(raw_body));
  }
  const auto& choice = (*choices)[0];
  ChatReply reply;
  reply.finish_reason =
      choice.value("finish_reason", nlohmann::json()).is_string() ? choice["finish_reason"].get<std::string>() : "";
  const auto message = choice.value("message", nlohmann::json::object());
  const auto content = message.is_object() ? message.value("content", nlohmann::json()) : nullptr;
  if (!content.is_string() || content.get<std::string>().empty()) {
    throw InputError(server + " answered with no text (finish_reason '" + reply.finish_reason + "')");
  }
  reply.text = content.get<std::string>();
  reply.model = body.value("model", nlohmann::json()).is_string() ? body["model"].get<std::string>() : "";
  return reply;
}

net::HttpSettings openai_http_settings(std::chrono::milliseconds total_timeout) {
  net::HttpSettings settings;
  settings.total_timeout = total_timeout;
  settings.retry.max_retries = 2;                      // the official SDK's default
  settings.retry.max_wait = std::chrono::seconds(60);  // it honours retry-after up to 60 s
  settings.retry.do_not_retry = final_reply;
  return settings;
}

OpenAiSettings OpenAiSettings::from_environment() {
  OpenAiSettings settings;
  if (auto base = environment("OPENAI_BASE_URL"); !base.empty()) {
    while (!base.empty() && base.back() == '/') base.pop_back();
    settings.base_url = base;
  }
  settings.api_key = environment("OPENAI_API_KEY");
  if (auto model = environment("OPENAI_MODEL"); !model.empty()) settings.model = model;
  settings.ollama = environment("OPENAI_SERVER") == "ollama";
  if (auto timeout = environment("OPENAI_TIMEOUT"); !timeout.empty()) {
    settings.http = openai_http_settings(timeout_from(timeout));
  }
  return settings;
}

bool OpenAiSettings::is_openai() const { return base_url.rfind("https://api.openai.com", 0) == 0; }

bool OpenAiSettings::is_ollama() const { return ollama || base_url.find(":11434") != std::string::npos; }

bool OpenAiSettings::configured() const { return !api_key.empty() || base_url != kDefaultOpenAiBaseUrl; }

OpenAiClient::OpenAiClient(OpenAiSettings settings, net::Clock& clock)
    : settings_(std::move(settings)), http_(settings_.http, clock) {
  register_secret(settings_.api_key);
}

ChatReply OpenAiClient::chat(const std::vector<ChatMessage>& messages, const ChatOptions& options) {
  nlohmann::json body = {{"model", settings_.model},
                         {"messages", nlohmann::json::array()},
                         {"temperature", options.temperature},
                         {"stream", false}};
  for (const auto& message : messages) {
    body["messages"].push_back({{"role", message.role}, {"content", message.content}});
  }
  // OpenAI's newer models refuse max_tokens; Ollama and llama.cpp know only that name.
  body[settings_.is_openai() ? "max_completion_tokens" : "max_tokens"] = options.max_tokens;
  if (options.schema) {
    body["response_format"] = {
        {"type", "json_schema"},
        {"json_schema", {{"name", options.schema->name}, {"strict", true}, {"schema", options.schema->schema}}}};
    if (settings_.is_ollama()) body["format"] = options.schema->schema;
  }

  auto request = net::HttpRequest::post(settings_.base_url + "/chat/completions")
                     .header("Accept", "application/json")
                     .json_body(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (!settings_.api_key.empty()) request.bearer_token(settings_.api_key);
  const std::string server = "the chat server at " + settings_.base_url;
  try {
    const auto response = http_.send(request);
    return read_chat_reply(net::parse_json_body(request, response), response.body, server);
  } catch (const net::HttpStatusError& error) {
    throw openai_error_for(server, error.status(), error.body());
  }
}

}  // namespace sonic::insight
