#include "sonic/insight/openai_error.hpp"

#include <nlohmann/json.hpp>

#include "sonic/net/http_errors.hpp"

namespace sonic::insight {
namespace {

std::string text_of(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_number() || value.is_boolean()) return value.dump();
  return "";
}

// "invalid_api_key: Incorrect API key provided" with whatever parts the server gave.
std::string describe(int status, const std::optional<OpenAiErrorBody>& error, std::string_view masked_body) {
  std::string said = "HTTP " + std::to_string(status);
  if (!error) {
    if (!masked_body.empty()) said += ": " + net::body_excerpt(masked_body);
    return said;
  }
  std::string kind = error->code.empty() || error->code == std::to_string(status) ? error->type : error->code;
  if (!error->type.empty() && kind != error->type) kind = error->type + "/" + kind;
  if (!kind.empty()) said += " " + kind;
  if (!error->message.empty()) said += ": " + net::body_excerpt(error->message);
  return said;
}

}  // namespace

std::optional<OpenAiErrorBody> parse_openai_error(std::string_view body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object() || !json.contains("error")) return std::nullopt;
  const auto& error = json["error"];
  if (error.is_string()) return OpenAiErrorBody{error.get<std::string>(), "", ""};
  if (!error.is_object()) return std::nullopt;
  return OpenAiErrorBody{text_of(error.value("message", nlohmann::json())),
                         text_of(error.value("type", nlohmann::json())),
                         text_of(error.value("code", nlohmann::json()))};
}

bool is_insufficient_quota(int status, const std::optional<OpenAiErrorBody>& error) {
  return status == 429 && error && (error->type == "insufficient_quota" || error->code == "insufficient_quota");
}

OpenAiError openai_error_for(const std::string& server, int status, std::string_view masked_body) {
  const auto error = parse_openai_error(masked_body);
  const std::string said = describe(status, error, masked_body);
  const OpenAiErrorBody parts = error.value_or(OpenAiErrorBody{});
  if (is_insufficient_quota(status, error)) {
    return {ExitCode::usage, status, parts,
            server + " says the account has no quota left (" + said +
                "); add credit or raise the spending limit, or run with --offline"};
  }
  if (status == 401 || status == 403) {
    return {ExitCode::usage, status, parts, server + " refused the API key (" + said + "); check OPENAI_API_KEY"};
  }
  if (status >= 500) {
    return {ExitCode::network, status, parts, server + " kept failing (" + said + "); try again later"};
  }
  if (status == 404) {
    return {ExitCode::unexpected, status, parts,
            server + " does not know the model or route (" + said + "); check OPENAI_MODEL and OPENAI_BASE_URL"};
  }
  return {ExitCode::unexpected, status, parts, server + " refused the request (" + said + ")"};
}

}  // namespace sonic::insight
