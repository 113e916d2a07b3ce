// Secrets given to a request never reach a log line (trace level, curl's own verbose account
// included) or an error message, even when the server echoes them back. The log is captured
// with a plain sink, so what is checked is the client's own masking, not the stderr sink's.
#include <gtest/gtest.h>

#include "fakes/fake_clock.hpp"
#include "fakes/refusing_port.hpp"
#include "fakes/stub_server.hpp"
#include "sonic/net/http_client.hpp"
#include "sonic/net/url_encoding.hpp"
#include "support/log_capture.hpp"

namespace sonic::net {
namespace {

using testing::RecordedRequest;
using testing::StubReply;

const std::string kBearer = "BQD-access-token-5u9Xq";
const std::string kApiKey = "lfm key/with+odd=chars";
const std::string kRefresh = "AQC-refresh-token-Zr8w";
const std::string kPin = "p1n";  // too short for the process-wide registry; the request masks it

std::vector<std::string> every_form_of(const std::vector<std::string>& secrets) {
  std::vector<std::string> forms;
  for (const auto& secret : secrets) {
    forms.push_back(secret);
    forms.push_back(percent_encode(secret));
  }
  return forms;
}

void expect_free_of(const std::string& text, const std::vector<std::string>& secrets) {
  for (const auto& secret : every_form_of(secrets)) {
    EXPECT_EQ(text.find(secret), std::string::npos) << "'" << secret << "' leaked into:\n" << text;
  }
}

HttpSettings no_retries() {
  HttpSettings settings;
  settings.retry.max_retries = 1;
  return settings;
}

TEST(HttpClientSecrets, NeverInTraceLogsOrErrorsEvenWhenEchoed) {
  testing::StubServer server;
  server.on("POST", "/token", [](const RecordedRequest& request) {
    // A careless service that quotes everything it received back in its error.
    return StubReply::text("bad request: " + request.header("Authorization") + " " + request.raw_query + " " +
                               request.body + " " + request.form_value("refresh_token"),
                           400);
  });
  testing::FakeClock clock;
  HttpClient client(no_retries(), clock);
  testing::LogCapture log(spdlog::level::trace);

  std::string message;
  try {
    client.send(HttpRequest::post(server.url("/token"))
                    .bearer_token(kBearer)
                    .secret_query("api_key", kApiKey)
                    .query("format", "json")
                    .form_field("grant_type", "refresh_token")
                    .secret_form_field("refresh_token", kRefresh)
                    .secret_form_field("pin", kPin));
    FAIL() << "expected an HttpStatusError";
  } catch (const HttpStatusError& error) {
    message = error.what();
    expect_free_of(error.body(), {kBearer, kApiKey, kRefresh, kPin});
  }
  // The secrets really went out, and the server really echoed them.
  const RecordedRequest received = server.requests().front();
  EXPECT_EQ(received.header("Authorization"), "Bearer " + kBearer);
  EXPECT_EQ(received.query_value("api_key"), kApiKey);
  EXPECT_EQ(received.form_value("refresh_token"), kRefresh);
  EXPECT_EQ(received.form_value("pin"), kPin);

  const std::string logged = log.text();
  expect_free_of(message, {kBearer, kApiKey, kRefresh, kPin});
  expect_free_of(logged, {kBearer, kApiKey, kRefresh, kPin});
  EXPECT_NE(message.find("bad request: Bearer [redacted]"), std::string::npos) << message;
  EXPECT_NE(message.find("api_key=[redacted]&format=json"), std::string::npos) << message;
  // The log did say what happened, down to curl's header lines.
  EXPECT_NE(logged.find("grant_type=refresh_token&refresh_token=[redacted]&pin=[redacted]"), std::string::npos)
      << logged;
  EXPECT_NE(logged.find("curl > POST /token?api_key=[redacted]&format=json HTTP/1.1"), std::string::npos) << logged;
  EXPECT_NE(logged.find("curl > Authorization: [redacted]"), std::string::npos) << logged;
  EXPECT_NE(logged.find("curl < HTTP/1.1 400"), std::string::npos) << logged;
}

TEST(HttpClientSecrets, BasicCredentialsNeverInTraceLogs) {
  testing::StubServer server;
  server.script("POST", "/api/token", {StubReply::json({{"access_token", "x"}})});
  testing::FakeClock clock;
  HttpClient client(no_retries(), clock);
  testing::LogCapture log(spdlog::level::trace);
  const std::string secret = "client-secret-8d1f";
  const auto request = HttpRequest::post(server.url("/api/token"))
                           .basic_auth("client-id-42", secret)
                           .form_field("grant_type", "refresh_token");
  client.send(request);
  const std::string encoded = request.headers().find("Authorization")->substr(6);
  EXPECT_EQ(server.requests().front().header("Authorization"), "Basic " + encoded);
  expect_free_of(log.text(), {secret, encoded});
  EXPECT_NE(log.text().find("curl > Authorization: [redacted]"), std::string::npos) << log.text();
}

TEST(HttpClientSecrets, NeverInNetworkErrors) {
  testing::RefusingPort nobody;
  testing::FakeClock clock;
  HttpClient client(no_retries(), clock);
  testing::LogCapture log(spdlog::level::trace);
  try {
    client.send(HttpRequest::get(nobody.url("/2.0/")).secret_query("api_key", kApiKey).bearer_token(kBearer));
    FAIL() << "expected a NetworkError";
  } catch (const NetworkError& error) {
    expect_free_of(error.what(), {kApiKey, kBearer});
    EXPECT_NE(std::string(error.what()).find("/2.0/?api_key=[redacted] failed after 2 attempts"), std::string::npos)
        << error.what();
  }
  expect_free_of(log.text(), {kApiKey, kBearer});
  EXPECT_NE(log.text().find("retry 1 of 1"), std::string::npos) << log.text();
}

}  // namespace
}  // namespace sonic::net
