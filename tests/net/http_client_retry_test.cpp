// Retries, backoff and Retry-After through the real client; the fake clock records every wait.
#include <gtest/gtest.h>

#include "fakes/fake_clock.hpp"
#include "fakes/stub_server.hpp"
#include "sonic/net/http_client.hpp"

namespace sonic::net {
namespace {

using std::chrono::milliseconds;
using testing::StubReply;
using Sleeps = std::vector<milliseconds>;

class HttpClientRetryTest : public ::testing::Test {
 protected:
  HttpResponse get(const std::string& path) { return client().send(HttpRequest::get(server.url(path))); }
  HttpClient& client() {
    if (!client_) client_.emplace(settings, clock);
    return *client_;
  }

  testing::StubServer server;
  testing::FakeClock clock;
  HttpSettings settings;  // change before the first request

 private:
  std::optional<HttpClient> client_;
};

TEST_F(HttpClientRetryTest, ServerErrorsAreRetriedWithJitteredExponentialBackoff) {
  server.script("GET", "/x", {StubReply::error(500), StubReply::error(502), StubReply::text("ok")});
  EXPECT_EQ(get("/x").body, "ok");
  EXPECT_EQ(server.request_count(), 3u);
  Backoff expected(settings.retry);  // same policy, same seed: the same draws
  const Sleeps sleeps = clock.sleeps();
  ASSERT_EQ(sleeps.size(), 2u);
  EXPECT_EQ(sleeps[0], expected.delay(0));
  EXPECT_EQ(sleeps[1], expected.delay(1));
  EXPECT_LE(sleeps[0], milliseconds(500));
  EXPECT_LE(sleeps[1], milliseconds(1000));
}

TEST_F(HttpClientRetryTest, JitterFollowsTheSeed) {
  settings.retry.jitter_seed = 99;
  server.script("GET", "/x", {StubReply::error(503), StubReply::error(503), StubReply::text("ok")});
  get("/x");
  Backoff seeded(milliseconds(500), milliseconds(8000), 99);
  EXPECT_EQ(clock.sleeps(), (Sleeps{seeded.delay(0), seeded.delay(1)}));
}

TEST_F(HttpClientRetryTest, RequestTimeoutIsRetried) {
  server.script("GET", "/x", {StubReply::error(408), StubReply::text("ok")});
  EXPECT_EQ(get("/x").body, "ok");
  EXPECT_EQ(clock.sleeps().size(), 1u);
}

TEST_F(HttpClientRetryTest, TooManyRequestsWaitsTheRetryAfterSeconds) {
  server.script("GET", "/x", {StubReply::error(429).header("Retry-After", "3"), StubReply::text("ok")});
  EXPECT_EQ(get("/x").body, "ok");
  EXPECT_EQ(clock.sleeps(), (Sleeps{milliseconds(3000)}));
}

TEST_F(HttpClientRetryTest, RetryAfterMsIsPreferred) {
  server.script(
      "GET", "/x",
      {StubReply::error(429).header("retry-after-ms", "250").header("Retry-After", "1"), StubReply::text("ok")});
  get("/x");
  EXPECT_EQ(clock.sleeps(), (Sleeps{milliseconds(250)}));
}

TEST_F(HttpClientRetryTest, RetryAfterAsAnHttpDateWaitsUntilThatTime) {
  // The fake clock stands at 2026-05-01T12:00:00Z.
  server.script("GET", "/x",
                {StubReply::error(429).header("Retry-After", "Fri, 01 May 2026 12:00:07 GMT"), StubReply::text("ok")});
  get("/x");
  EXPECT_EQ(clock.sleeps(), (Sleeps{milliseconds(7000)}));
}

TEST_F(HttpClientRetryTest, ServiceUnavailableWithRetryAfterIsHonouredToo) {
  server.script("GET", "/x", {StubReply::error(503).header("Retry-After", "2"), StubReply::text("ok")});
  get("/x");
  EXPECT_EQ(clock.sleeps(), (Sleeps{milliseconds(2000)}));
}

TEST_F(HttpClientRetryTest, WaitPastTheCapFailsAtOnceWithTheTimeToComeBack) {
  // A ~20 h wait, as Spotify has been seen to ask for.
  server.script("GET", "/x", {StubReply::error(429).header("Retry-After", "74214")});
  try {
    get("/x");
    FAIL() << "expected a RateLimitedError";
  } catch (const RateLimitedError& error) {
    EXPECT_EQ(error.code(), ExitCode::rate_limited);
    EXPECT_EQ(error.wait(), milliseconds(74'214'000));
    EXPECT_EQ(error.retry_at_ms(), testing::FakeClock::kDefaultStartMs + 74'214'000);
    EXPECT_NE(std::string(error.what()).find("wait 20 h 36 min, until 2026-05-02T08:36:54.000Z"), std::string::npos)
        << error.what();
  }
  EXPECT_TRUE(clock.sleeps().empty());
  EXPECT_EQ(server.request_count(), 1u);
}

TEST_F(HttpClientRetryTest, CapIsConfigurable) {
  settings.retry.max_wait = milliseconds(2000);
  server.script("GET", "/x", {StubReply::error(429).header("Retry-After", "3")});
  EXPECT_THROW(get("/x"), RateLimitedError);
  EXPECT_TRUE(clock.sleeps().empty());
}

TEST_F(HttpClientRetryTest, StillRateLimitedAfterTheRetriesIsRateLimited) {
  settings.retry.max_retries = 2;
  server.script("GET", "/x", {StubReply::error(429).header("Retry-After", "1")});
  try {
    get("/x");
    FAIL() << "expected a RateLimitedError";
  } catch (const RateLimitedError& error) {
    // Two 1 s sleeps, then the third 429 asks for one more second.
    EXPECT_EQ(error.retry_at_ms(), testing::FakeClock::kDefaultStartMs + 3000);
  }
  EXPECT_EQ(server.request_count(), 3u);
  EXPECT_EQ(clock.sleeps(), (Sleeps{milliseconds(1000), milliseconds(1000)}));
}

TEST_F(HttpClientRetryTest, RateLimitWithoutRetryAfterBacksOff) {
  server.script("GET", "/x", {StubReply::error(429), StubReply::text("ok")});
  get("/x");
  EXPECT_EQ(clock.sleeps(), (Sleeps{Backoff(settings.retry).delay(0)}));
}

TEST_F(HttpClientRetryTest, HookStopsRetryingARateLimitThatWaitingWillNotFix) {
  settings.retry.do_not_retry = [](const HttpResponse& response) {
    return response.body.find("insufficient_quota") != std::string::npos;
  };
  const nlohmann::json quota = {{"error", {{"type", "insufficient_quota"}, {"code", "credit_balance_exhausted"}}}};
  const nlohmann::json limit = {{"error", {{"type", "rate_limit_exceeded"}}}};
  server.script("POST", "/limited",
                {StubReply::json(limit, 429).header("retry-after-ms", "20"), StubReply::json({{"id", "ok"}})});
  server.script("POST", "/quota", {StubReply::json(quota, 429).header("Retry-After", "1")});

  EXPECT_EQ(client().send(HttpRequest::post(server.url("/limited")).json_body("{}")).status, 200);
  try {
    client().send(HttpRequest::post(server.url("/quota")).json_body("{}"));
    FAIL() << "expected an HttpStatusError";
  } catch (const HttpStatusError& error) {
    EXPECT_EQ(error.status(), 429);
    EXPECT_EQ(nlohmann::json::parse(error.body()), quota);  // for the caller to map to its own error
  }
  EXPECT_EQ(server.request_count(), 3u);
  EXPECT_EQ(clock.sleeps(), (Sleeps{milliseconds(20)}));
}

TEST_F(HttpClientRetryTest, ServerErrorsOutlastingTheRetriesMeanTryLater) {
  server.script("GET", "/x", {StubReply::error(503, "down for maintenance")});
  try {
    get("/x");
    FAIL() << "expected an HttpStatusError";
  } catch (const HttpStatusError& error) {
    EXPECT_EQ(error.status(), 503);
    EXPECT_EQ(error.code(), ExitCode::network);
    EXPECT_NE(std::string(error.what()).find("down for maintenance"), std::string::npos);
  }
  EXPECT_EQ(server.request_count(), 4u);  // 1 + 3 retries
  EXPECT_EQ(clock.sleeps().size(), 3u);
}

TEST_F(HttpClientRetryTest, AcceptedRetryableStatusComesBackAtOnce) {
  // llama.cpp's /health answers 503 while the model loads: the caller wants to see it.
  server.script("GET", "/health", {StubReply::json({{"error", {{"code", 503}}}}, 503)});
  EXPECT_EQ(client().send(HttpRequest::get(server.url("/health")).accept_status(503)).status, 503);
  EXPECT_EQ(server.request_count(), 1u);
}

TEST_F(HttpClientRetryTest, MinimumIntervalSpacesRequests) {
  settings.min_interval = milliseconds(250);
  server.script("GET", "/x", {StubReply::text("ok")});
  get("/x");
  get("/x");
  clock.advance(milliseconds(1000));  // long enough ago: no wait
  get("/x");
  EXPECT_EQ(clock.sleeps(), (Sleeps{milliseconds(250)}));
}

}  // namespace
}  // namespace sonic::net
