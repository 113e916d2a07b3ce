#include "sonic/insight/openai_client.hpp"

#include <gtest/gtest.h>

#include "fakes/fake_clock.hpp"
#include "fakes/openai_fake.hpp"
#include "fakes/refusing_port.hpp"
#include "fakes/stub_server.hpp"
#include "support/log_capture.hpp"

namespace sonic::insight {
namespace {

using std::chrono::milliseconds;
using testing::OpenAiFake;
using testing::OpenAiFault;

class OpenAiClientTest : public ::testing::Test {
 protected:
  OpenAiClient client(milliseconds timeout = std::chrono::seconds(5)) {
    OpenAiSettings settings;
    settings.base_url = openai_.base_url();
    settings.api_key = OpenAiFake::kApiKey;
    settings.model = "test-model";
    settings.http = openai_http_settings(timeout);
    return OpenAiClient(settings, clock_);
  }
  // The error chat() throws, as its type.
  template <typename E>
  E failure_of(OpenAiClient& chat_client) {
    try {
      chat_client.chat({{"user", "hello"}});
    } catch (const E& error) {
      return error;
    }
    throw std::runtime_error("chat() did not throw the expected error");
  }

  OpenAiFake openai_;
  testing::FakeClock clock_;
};

TEST_F(OpenAiClientTest, SendsAChatCompletionAndReadsTheReply) {
  auto chat = client();
  const auto reply = chat.chat({{"system", "be brief"}, {"user", "hello"}},
                               {.temperature = 0.2, .max_tokens = 300, .schema = std::nullopt});
  EXPECT_EQ(reply.text, OpenAiFake::kDefaultReply);
  EXPECT_EQ(reply.finish_reason, "stop");
  EXPECT_EQ(reply.model, "test-model-2024-07-18");
  const auto request = openai_.requests().at(0);
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.path, "/v1/chat/completions");
  EXPECT_EQ(request.header("Authorization"), std::string("Bearer ") + OpenAiFake::kApiKey);
  const auto body = request.json();
  EXPECT_EQ(body["model"], "test-model");
  EXPECT_EQ(body["messages"][0], (nlohmann::json{{"role", "system"}, {"content", "be brief"}}));
  EXPECT_EQ(body["max_tokens"], 300);  // a local server's name for the limit
  EXPECT_FALSE(body.contains("max_completion_tokens"));
  EXPECT_EQ(body["stream"], false);
}

TEST_F(OpenAiClientTest, AsksForStructuredOutputWithTheSchemaWhenGivenOne) {
  const nlohmann::json schema = {{"type", "object"},
                                 {"properties", {{"songs", {{"type", "integer"}}}}},
                                 {"required", {"songs"}},
                                 {"additionalProperties", false}};
  ChatOptions structured;
  structured.schema = ReplySchema{"playlist_constraints", schema};
  auto chat = client();
  chat.chat({{"user", "20 songs"}}, structured);
  chat.chat({{"user", "no schema"}});
  const auto with_schema = openai_.requests().at(0).json();
  EXPECT_EQ(
      with_schema["response_format"],
      (nlohmann::json{{"type", "json_schema"},
                      {"json_schema", {{"name", "playlist_constraints"}, {"strict", true}, {"schema", schema}}}}));
  EXPECT_FALSE(with_schema.contains("format"));  // not an Ollama server
  EXPECT_FALSE(openai_.requests().at(1).json().contains("response_format"));

  OpenAiSettings ollama = client().settings();
  ollama.ollama = true;  // OPENAI_SERVER=ollama
  OpenAiClient(ollama, clock_).chat({{"user", "20 songs"}}, structured);
  const auto to_ollama = openai_.requests().at(2).json();
  EXPECT_EQ(to_ollama["format"], schema);  // Ollama's own field, beside the OpenAI one its /v1 reads
  EXPECT_EQ(to_ollama["response_format"]["json_schema"]["schema"], schema);
}

TEST(OpenAiSettingsTest, KnowsAnOllamaServerByItsPortOrByName) {
  OpenAiSettings settings;
  EXPECT_FALSE(settings.is_ollama());
  EXPECT_FALSE(settings.configured());  // OpenAI's URL and no key: nothing to ask
  settings.base_url = "http://127.0.0.1:11434/v1";
  EXPECT_TRUE(settings.is_ollama());
  EXPECT_TRUE(settings.configured());
  settings.base_url = "http://gpu-box:8080/v1";
  EXPECT_FALSE(settings.is_ollama());
  settings.ollama = true;
  EXPECT_TRUE(settings.is_ollama());
}

TEST_F(OpenAiClientTest, WithoutAKeySendsNoAuthorization) {
  OpenAiSettings settings;
  settings.base_url = openai_.base_url();
  OpenAiClient(settings, clock_).chat({{"user", "hello"}});
  EXPECT_EQ(openai_.requests().at(0).header("Authorization"), "");
}

TEST_F(OpenAiClientTest, RateLimitThenSuccessWaitsWhatTheServerAsks) {
  openai_.add_fault(OpenAiFault::rate_limited);
  auto chat = client();
  EXPECT_EQ(chat.chat({{"user", "hello"}}).text, OpenAiFake::kDefaultReply);
  EXPECT_EQ(openai_.completion_requests(), 2u);
  EXPECT_EQ(clock_.sleeps(), std::vector<milliseconds>{milliseconds(20)});  // retry-after-ms: 20
}

TEST_F(OpenAiClientTest, RetryAfterInSecondsIsHonouredToo) {
  openai_.set_retry_after("retry-after", "2");
  openai_.add_fault(OpenAiFault::rate_limited, 2);
  auto chat = client();
  chat.chat({{"user", "hello"}});
  EXPECT_EQ(clock_.sleeps(), (std::vector<milliseconds>{milliseconds(2000), milliseconds(2000)}));
}

TEST_F(OpenAiClientTest, AWaitLongerThanAMinuteIsNotSleptThrough) {
  openai_.set_retry_after("retry-after", "600");
  openai_.add_fault(OpenAiFault::rate_limited);
  auto chat = client();
  const auto error = failure_of<net::RateLimitedError>(chat);
  EXPECT_EQ(error.wait(), milliseconds(600'000));
  EXPECT_EQ(openai_.completion_requests(), 1u);
}

TEST_F(OpenAiClientTest, InsufficientQuotaIsNeverRetried) {
  openai_.add_fault(OpenAiFault::insufficient_quota, 3);
  auto chat = client();
  const auto error = failure_of<OpenAiError>(chat);
  EXPECT_EQ(openai_.completion_requests(), 1u);
  EXPECT_TRUE(clock_.sleeps().empty());
  EXPECT_EQ(error.code(), ExitCode::usage);
  EXPECT_EQ(error.status(), 429);
  const std::string message = error.what();
  EXPECT_NE(message.find("no quota left"), std::string::npos) << message;
  EXPECT_NE(message.find("insufficient_quota/credit_balance_exhausted"), std::string::npos) << message;
  EXPECT_NE(message.find("You exceeded your current quota"), std::string::npos) << message;
}

TEST_F(OpenAiClientTest, ARefusedKeyIsNamedButNeverShown) {
  openai_.add_fault(OpenAiFault::invalid_api_key);  // OpenAI echoes the key in its message
  auto chat = client();
  const auto error = failure_of<OpenAiError>(chat);
  const std::string message = error.what();
  EXPECT_EQ(error.code(), ExitCode::usage);
  EXPECT_NE(message.find("check OPENAI_API_KEY"), std::string::npos) << message;
  EXPECT_NE(message.find("invalid_request_error/invalid_api_key"), std::string::npos) << message;
  EXPECT_EQ(message.find(OpenAiFake::kApiKey), std::string::npos) << message;
}

TEST_F(OpenAiClientTest, TheKeyNeverReachesTheLogEvenAtTrace) {
  testing::LogCapture log(spdlog::level::trace);
  openai_.add_fault(OpenAiFault::invalid_api_key);
  auto chat = client();
  failure_of<OpenAiError>(chat);
  chat.chat({{"user", "hello"}});
  EXPECT_NE(log.text().find("chat/completions"), std::string::npos);
  EXPECT_EQ(log.text().find(OpenAiFake::kApiKey), std::string::npos) << log.text();
}

TEST_F(OpenAiClientTest, XShouldRetryFalseIsFinal) {
  testing::StubServer server;
  server.script("POST", "/v1/chat/completions",
                {testing::StubReply::json({{"error", {{"message", "busy"}, {"type", "server_error"}}}}, 503)
                     .header("x-should-retry", "false")});
  OpenAiSettings settings;
  settings.base_url = server.url("/v1");
  OpenAiClient stub_client(settings, clock_);
  EXPECT_THROW(stub_client.chat({{"user", "hello"}}), OpenAiError);
  EXPECT_EQ(server.request_count(), 1u);
}

TEST_F(OpenAiClientTest, ServerErrorsAreRetriedThenReported) {
  openai_.add_fault(OpenAiFault::server_error, 3);
  auto chat = client();
  const auto error = failure_of<OpenAiError>(chat);
  EXPECT_EQ(openai_.completion_requests(), 3u);  // 1 + 2 retries
  EXPECT_EQ(clock_.sleeps().size(), 2u);
  EXPECT_EQ(error.code(), ExitCode::network);
  EXPECT_NE(std::string(error.what()).find("HTTP 500 server_error: The server had an error"), std::string::npos)
      << error.what();
}

TEST_F(OpenAiClientTest, OneServerErrorThenSuccess) {
  openai_.add_fault(OpenAiFault::server_error);
  auto chat = client();
  EXPECT_EQ(chat.chat({{"user", "hello"}}).text, OpenAiFake::kDefaultReply);
  EXPECT_EQ(openai_.completion_requests(), 2u);
}

TEST_F(OpenAiClientTest, ASlowServerTimesOut) {
  openai_.set_slow_delay(std::chrono::seconds(5));
  openai_.add_fault(OpenAiFault::slow, 3);
  auto chat = client(milliseconds(200));
  const auto error = failure_of<net::NetworkError>(chat);
  EXPECT_EQ(error.code(), ExitCode::network);
  EXPECT_EQ(openai_.completion_requests(), 3u);
}

TEST_F(OpenAiClientTest, LlamaCppIntegerCodesAreUnderstood) {
  openai_.add_fault(OpenAiFault::llamacpp_loading);  // 503 with "code": 503: retried
  openai_.add_fault(OpenAiFault::llamacpp_bad_key);  // 401 with "code": 401: final
  auto chat = client();
  const auto error = failure_of<OpenAiError>(chat);
  EXPECT_EQ(openai_.completion_requests(), 2u);
  EXPECT_EQ(error.code(), ExitCode::usage);
  EXPECT_EQ(error.error().code, "401");
  EXPECT_NE(std::string(error.what()).find("HTTP 401 authentication_error: Invalid API Key"), std::string::npos)
      << error.what();
}

TEST_F(OpenAiClientTest, OllamaMissingModelSaysWhichModel) {
  openai_.add_fault(OpenAiFault::ollama_model_missing);
  auto chat = client();
  const auto error = failure_of<OpenAiError>(chat);
  EXPECT_EQ(error.code(), ExitCode::unexpected);
  const std::string message = error.what();
  EXPECT_NE(message.find("not_found_error: model \"test-model\" not found"), std::string::npos) << message;
  EXPECT_NE(message.find("check OPENAI_MODEL"), std::string::npos) << message;
}

TEST_F(OpenAiClientTest, AnUnreachableServerIsANetworkError) {
  testing::RefusingPort nobody;
  OpenAiSettings settings;
  settings.base_url = nobody.url("/v1");
  OpenAiClient unreachable(settings, clock_);
  EXPECT_THROW(unreachable.chat({{"user", "hello"}}), net::NetworkError);
}

TEST(OpenAiErrorTest, ReadsEveryErrorShape) {
  const auto openai = parse_openai_error(
      R"({"error":{"message":"m","type":"insufficient_quota","param":null,"code":"credit_balance_exhausted"}})");
  ASSERT_TRUE(openai);
  EXPECT_EQ(openai->code, "credit_balance_exhausted");
  EXPECT_TRUE(is_insufficient_quota(429, openai));
  EXPECT_FALSE(is_insufficient_quota(400, openai));
  const auto llama =
      parse_openai_error(R"({"error":{"code":503,"message":"Loading model","type":"unavailable_error"}})");
  EXPECT_EQ(llama->code, "503");
  EXPECT_EQ(llama->type, "unavailable_error");
  const auto ollama = parse_openai_error(R"({"error":{"message":"x","type":"api_error","param":null,"code":null}})");
  EXPECT_EQ(ollama->code, "");
  EXPECT_EQ(parse_openai_error(R"({"error":"model 'llama3' not found"})")->message, "model 'llama3' not found");
  EXPECT_FALSE(parse_openai_error("<html>Bad Gateway</html>"));
  EXPECT_FALSE(is_insufficient_quota(429, parse_openai_error(R"({"error":{"code":"rate_limit_exceeded"}})")));
}

TEST(OpenAiErrorTest, ABodyThatIsNotJsonIsQuoted) {
  const auto error = openai_error_for("the chat server at X", 502, "<html>Bad Gateway</html>");
  EXPECT_EQ(error.code(), ExitCode::network);
  EXPECT_NE(std::string(error.what()).find("HTTP 502: <html>Bad Gateway</html>"), std::string::npos);
}

TEST(OpenAiSettingsTest, OnlyOpenAiItselfGetsTheNewTokenLimitName) {
  OpenAiSettings settings;
  EXPECT_TRUE(settings.is_openai());
  settings.base_url = "http://localhost:11434/v1";
  EXPECT_FALSE(settings.is_openai());
}

// The chat reply's reader on its own (the fuzz target openai_reply drives it too).
TEST(ChatReplyReader, ReadsTextModelAndFinishReason) {
  const std::string body =
      R"({"model":"m1","choices":[{"message":{"role":"assistant","content":"Hi."},"finish_reason":"stop"}]})";
  const auto reply = read_chat_reply(nlohmann::json::parse(body), body, "the server");
  EXPECT_EQ(reply.text, "Hi.");
  EXPECT_EQ(reply.model, "m1");
  EXPECT_EQ(reply.finish_reason, "stop");
}

TEST(ChatReplyReader, NoChoicesOrNoTextIsBadInputNamingTheServer) {
  EXPECT_THROW(read_chat_reply(nlohmann::json::parse(R"({"choices":[]})"), "{}", "the server"), InputError);
  try {
    read_chat_reply(nlohmann::json::parse(R"({"choices":[{"message":{"content":null},"finish_reason":"tool_calls"}]})"),
                    "", "the server");
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "the server answered with no text (finish_reason 'tool_calls')");
  }
}

}  // namespace
}  // namespace sonic::insight
