// The real libcurl client against a loopback stub: what goes out on the wire and what comes back.
#include "sonic/net/http_client.hpp"

#include <gtest/gtest.h>

#include "fakes/fake_clock.hpp"
#include "fakes/stub_server.hpp"
#include "sonic/core/version.hpp"

namespace sonic::net {
namespace {

using testing::StubReply;

class HttpClientTest : public ::testing::Test {
 protected:
  testing::StubServer server;  // first: outlives the client and its kept-alive connection
  testing::FakeClock clock;
  HttpClient client{HttpSettings{}, clock};
};

TEST_F(HttpClientTest, SendsQueryAndHeadersAndReadsTheReply) {
  server.script("GET", "/v1/search", {StubReply::json({{"ok", true}}).header("X-Request-Id", "req-7")});
  const auto response = client.send(HttpRequest::get(server.url("/v1/search"))
                                        .query("q", "AC/DC & Hells Bells+1")
                                        .query("limit", "5")
                                        .header("Accept", "application/json"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"ok":true})");
  EXPECT_EQ(response.headers.find("x-request-id"), "req-7");
  EXPECT_EQ(response.headers.find("content-type"), "application/json");

  ASSERT_EQ(server.request_count(), 1u);
  const auto request = server.requests().front();
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.raw_query, "q=AC%2FDC%20%26%20Hells%20Bells%2B1&limit=5");
  EXPECT_EQ(request.query_value("q"), "AC/DC & Hells Bells+1");
  EXPECT_EQ(request.header("Accept"), "application/json");
  EXPECT_EQ(request.header("User-Agent"), std::string("sonic/") + kVersion);
  EXPECT_TRUE(clock.sleeps().empty());
}

TEST_F(HttpClientTest, FormBodyArrivesAsSent) {
  server.script("POST", "/api/token", {StubReply::json({{"access_token", "new"}})});
  const std::string awkward = "a b+c/d=e&f\xC3\xA9";
  client.send(HttpRequest::post(server.url("/api/token"))
                  .form_field("grant_type", "refresh_token")
                  .form_field("refresh_token", awkward));
  const auto request = server.requests().front();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.header("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(request.body, "grant_type=refresh_token&refresh_token=a%20b%2Bc%2Fd%3De%26f%C3%A9");
  EXPECT_EQ(request.form_value("refresh_token"), awkward);
}

TEST_F(HttpClientTest, JsonBodyArrivesAsSent) {
  server.script("POST", "/v1/chat/completions", {StubReply::json({{"id", "chatcmpl-1"}})});
  const nlohmann::json body = {{"model", "gpt-4o-mini"},
                               {"messages", {{{"role", "user"}, {"content", "Hé \"there\"\n"}}}}};
  const auto response = client.send(HttpRequest::post(server.url("/v1/chat/completions")).json_body(body.dump()));
  EXPECT_EQ(parse_json_body(HttpRequest::get("x"), response)["id"], "chatcmpl-1");
  const auto request = server.requests().front();
  EXPECT_EQ(request.header("Content-Type"), "application/json");
  EXPECT_EQ(request.body, body.dump());
  EXPECT_EQ(request.json(), body);
}

TEST_F(HttpClientTest, KeepsTheConnectionAliveBetweenRequests) {
  server.script("GET", "/a", {StubReply::text("a")});
  client.send(HttpRequest::get(server.url("/a")));
  client.send(HttpRequest::get(server.url("/a")));
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].remote_port, requests[1].remote_port);
}

TEST_F(HttpClientTest, AcceptedStatusIsReturnedNeitherThrownNorRetried) {
  server.script("GET", "/v1/tracks/unknown", {StubReply::json({{"error", "not found"}}, 404)});
  const auto response = client.send(HttpRequest::get(server.url("/v1/tracks/unknown")).accept_status(404));
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(server.request_count(), 1u);
}

TEST_F(HttpClientTest, UnhandledClientErrorThrowsWithStatusAndShortExcerpt) {
  const std::string body =
      R"({"error":"invalid_grant","error_description":"Refresh token revoked"})" + std::string(5000, 'x') + "tail";
  server.script("POST", "/api/token", {StubReply::text(body, 400)});
  try {
    client.send(HttpRequest::post(server.url("/api/token")).form_field("grant_type", "refresh_token"));
    FAIL() << "expected an HttpStatusError";
  } catch (const HttpStatusError& error) {
    EXPECT_EQ(error.status(), 400);
    EXPECT_EQ(error.code(), ExitCode::unexpected);
    const std::string message = error.what();
    EXPECT_NE(message.find("POST " + server.url("/api/token") +
                           " answered HTTP 400: "
                           R"({"error":"invalid_grant")"),
              std::string::npos)
        << message;
    EXPECT_EQ(message.find("tail"), std::string::npos);
    EXPECT_LT(message.size(), 300u);
    EXPECT_EQ(error.body(), body);
  }
  EXPECT_EQ(server.request_count(), 1u);  // a 4xx is never retried
}

TEST_F(HttpClientTest, ReplyOverTheSizeCapIsAnInputError) {
  HttpSettings settings;
  settings.max_response_bytes = 1000;
  HttpClient small_client(settings, clock);
  // A declared length over the cap (httplib leaves octet-stream uncompressed), and a
  // compressible body that is small on the wire but over the cap once decoded.
  auto uncompressed = StubReply::text(std::string(5000, 'a'));
  uncompressed.content_type = "application/octet-stream";
  server.script("GET", "/declared", {uncompressed});
  server.script("GET", "/compressed", {StubReply::json({{"padding", std::string(5000, 'a')}})});
  EXPECT_THROW(small_client.send(HttpRequest::get(server.url("/declared"))), InputError);
  EXPECT_THROW(small_client.send(HttpRequest::get(server.url("/compressed"))), InputError);
  EXPECT_EQ(server.request_count(), 2u);  // not retried
  const auto roomy = client.send(HttpRequest::get(server.url("/compressed")));
  EXPECT_TRUE(roomy.headers.contains("Content-Encoding"));  // it really was small on the wire
  EXPECT_GT(roomy.body.size(), 5000u);
}

TEST_F(HttpClientTest, ParseJsonBodyNamesTheRequestWhenTheBodyIsNotJson) {
  server.script("GET", "/html", {StubReply::text("<html>oops</html>")});
  const auto request = HttpRequest::get(server.url("/html"));
  const auto response = client.send(request);
  try {
    parse_json_body(request, response);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what())
                  .find("GET " + server.url("/html") +
                        " answered HTTP 200 with a body "
                        "that is not JSON"),
              std::string::npos)
        << error.what();
    EXPECT_NE(std::string(error.what()).find("<html>oops</html>"), std::string::npos);
  }
}

}  // namespace
}  // namespace sonic::net
