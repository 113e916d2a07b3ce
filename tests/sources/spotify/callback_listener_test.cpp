// The loopback listener on its own: where it listens, what it answers, what it hands over.
#include "sonic/sources/spotify/callback_listener.hpp"

#include <gtest/gtest.h>

#include "sonic/net/http_client.hpp"

namespace sonic::sources::spotify {
namespace {

using namespace std::chrono_literals;

net::HttpResponse get(const std::string& url) {
  net::HttpClient browser;
  return browser.send(net::HttpRequest::get(url).accept_status(400).accept_status(404));
}

TEST(CallbackListener, ListensOnLoopbackAtAFreePort) {
  CallbackListener listener(0, "state-1");
  EXPECT_GT(listener.port(), 0);
  EXPECT_EQ(listener.redirect_uri(), "http://127.0.0.1:" + std::to_string(listener.port()) + "/callback");
  EXPECT_FALSE(listener.wait(10ms));
}

TEST(CallbackListener, HandsOverThisLoginsRedirectOnlyAndAnswersEachVisit) {
  CallbackListener listener(0, "state-1");
  const std::string base = listener.redirect_uri();

  const auto nothing = get(base);
  EXPECT_EQ(nothing.status, 400);
  const auto stale = get(base + "?code=old&state=state-0");
  EXPECT_EQ(stale.status, 400);
  EXPECT_NE(stale.body.find("another login"), std::string::npos);
  EXPECT_EQ(get("http://127.0.0.1:" + std::to_string(listener.port()) + "/favicon.ico").status, 404);
  EXPECT_FALSE(listener.wait(0ms));

  const auto right = get(base + "?code=AQD-fresh&state=state-1");
  EXPECT_EQ(right.status, 200);
  EXPECT_EQ(right.headers.find("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(right.headers.find("Cache-Control"), "no-store");
  EXPECT_EQ(right.body.find("AQD-fresh"), std::string::npos);  // the page never echoes the code
  const auto redirect = listener.wait(1s);
  ASSERT_TRUE(redirect);
  EXPECT_EQ(redirect->code, "AQD-fresh");

  get(base + "?code=AQD-second&state=state-1");
  EXPECT_EQ(listener.wait(0ms)->code, "AQD-fresh");  // the first one stands
}

TEST(CallbackListener, AGivenPortThatIsTakenIsAUsageError) {
  CallbackListener first(0, "s");
  try {
    CallbackListener second(first.port(), "s");
    FAIL() << "expected a UsageError";
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find(std::to_string(first.port())), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("--port"), std::string::npos);
  }
}

}  // namespace
}  // namespace sonic::sources::spotify
