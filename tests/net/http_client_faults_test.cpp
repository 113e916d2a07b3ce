// Transport faults through the real client: timeouts, truncated replies, refused connections.
// Real timeouts are kept short (200 ms); waits between attempts go to the fake clock.
#include <gtest/gtest.h>

#include <cstdlib>

#include "fakes/fake_clock.hpp"
#include "fakes/refusing_port.hpp"
#include "fakes/stub_server.hpp"
#include "sonic/net/http_client.hpp"

namespace sonic::net {
namespace {

using std::chrono::milliseconds;
using testing::StubReply;

HttpSettings quick_settings() {
  HttpSettings settings;
  settings.connect_timeout = milliseconds(200);
  settings.total_timeout = milliseconds(200);
  settings.retry.max_retries = 2;
  return settings;
}

milliseconds time_of(const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - start);
}

// The NetworkError `send` throws; fails the test if it throws anything else or nothing.
NetworkError network_error_from(HttpClient& client, const HttpRequest& request) {
  try {
    client.send(request);
  } catch (const NetworkError& error) {
    return error;
  }
  ADD_FAILURE() << "expected a NetworkError";
  return NetworkError("none");
}

class HttpClientFaultTest : public ::testing::Test {
 protected:
  testing::StubServer server;
  testing::FakeClock clock;
  HttpClient client{quick_settings(), clock};
};

TEST_F(HttpClientFaultTest, TimeoutIsRetriedThenANetworkError) {
  server.script("GET", "/slow", {StubReply::text("late").after(milliseconds(5000))});
  std::optional<NetworkError> error;
  const auto elapsed = time_of([&] { error = network_error_from(client, HttpRequest::get(server.url("/slow"))); });
  EXPECT_EQ(error->code(), ExitCode::network);
  EXPECT_NE(std::string(error->what()).find("failed after 3 attempts: Timeout was reached"), std::string::npos)
      << error->what();
  EXPECT_EQ(server.request_count(), 3u);
  EXPECT_EQ(clock.sleeps().size(), 2u);
  EXPECT_LT(elapsed, milliseconds(2000));  // three 200 ms timeouts, not the 5 s delay
}

TEST_F(HttpClientFaultTest, SlowReplyWithinTheTimeoutSucceeds) {
  server.script("GET", "/slowish", {StubReply::text("made it").after(milliseconds(50))});
  EXPECT_EQ(client.send(HttpRequest::get(server.url("/slowish"))).body, "made it");
}

TEST_F(HttpClientFaultTest, TruncatedBodyIsRetriedThenANetworkError) {
  server.script("GET", "/cut", {StubReply::json({{"items", std::string(200, 'x')}}).truncated_at(20)});
  const auto error = network_error_from(client, HttpRequest::get(server.url("/cut")));
  EXPECT_EQ(error.code(), ExitCode::network);
  EXPECT_NE(std::string(error.what()).find("Transferred a partial file"), std::string::npos) << error.what();
  EXPECT_EQ(server.request_count(), 3u);
}

TEST_F(HttpClientFaultTest, TruncatedBodyThenAWholeOneSucceeds) {
  server.script("GET", "/cut",
                {StubReply::text(std::string(100, 'x')).truncated_at(10), StubReply::text(std::string(100, 'y'))});
  EXPECT_EQ(client.send(HttpRequest::get(server.url("/cut"))).body, std::string(100, 'y'));
  EXPECT_EQ(clock.sleeps().size(), 1u);
}

TEST_F(HttpClientFaultTest, RefusedConnectionIsANetworkErrorQuickly) {
  testing::RefusingPort nobody;
  std::optional<NetworkError> error;
  const auto elapsed = time_of([&] { error = network_error_from(client, HttpRequest::get(nobody.url("/v1"))); });
  EXPECT_EQ(error->code(), ExitCode::network);
  EXPECT_EQ(static_cast<int>(error->code()), 6);
  EXPECT_NE(std::string(error->what()).find("Couldn't connect to server"), std::string::npos) << error->what();
  EXPECT_EQ(clock.sleeps().size(), 2u);  // retried, since a restarting server refuses for a moment
  EXPECT_LT(elapsed, milliseconds(1000));
}

TEST_F(HttpClientFaultTest, LoopbackNeverGoesThroughAProxy) {
  // A proxy that refuses everything: were loopback sent to it, the request would fail.
  testing::RefusingPort proxy;
  const char* saved = std::getenv("http_proxy");
  const std::string previous = saved ? saved : "";
  setenv("http_proxy", proxy.url().c_str(), 1);
  server.script("GET", "/local", {StubReply::text("direct")});
  std::string body;
  EXPECT_NO_THROW(body = client.send(HttpRequest::get(server.url("/local"))).body);
  saved ? setenv("http_proxy", previous.c_str(), 1) : unsetenv("http_proxy");
  EXPECT_EQ(body, "direct");
}

TEST_F(HttpClientFaultTest, UrlThatIsNotHttpIsAUsageErrorNotRetried) {
  EXPECT_THROW(client.send(HttpRequest::get("ftp://127.0.0.1/file")), UsageError);
  EXPECT_THROW(client.send(HttpRequest::get("file:///etc/passwd")), UsageError);
  EXPECT_TRUE(clock.sleeps().empty());
}

}  // namespace
}  // namespace sonic::net
