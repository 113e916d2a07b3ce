// The stub-server kit itself, checked with raw sockets so that its truncated and refused
// connections are shown to be what they claim on the wire, independently of sonic's client.
#include "fakes/stub_server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "fakes/refusing_port.hpp"

namespace sonic::testing {
namespace {

int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const int error = errno;
    ::close(fd);
    return -error;
  }
  return fd;
}

// Sends one HTTP/1.1 request and reads until the server closes the connection.
std::string raw_exchange(int port, const std::string& request) {
  const int fd = connect_to(port);
  if (fd < 0) return "connect failed";
  (void)::send(fd, request.data(), request.size(), 0);
  std::string reply;
  char buffer[4096];
  for (ssize_t got; (got = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
    reply.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fd);
  return reply;
}

std::string get(int port, const std::string& target) {
  return raw_exchange(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
}

std::string body_of(const std::string& reply) {
  const auto end = reply.find("\r\n\r\n");
  return end == std::string::npos ? std::string() : reply.substr(end + 4);
}

TEST(StubServer, AnswersAScriptInOrderThenRepeatsItsLastReply) {
  StubServer server;
  server.script("GET", "/x", {StubReply::error(500, "one"), StubReply::text("two"), StubReply::text("three")});
  EXPECT_EQ(body_of(get(server.port(), "/x")), "one");
  EXPECT_EQ(body_of(get(server.port(), "/x")), "two");
  EXPECT_EQ(body_of(get(server.port(), "/x")), "three");
  EXPECT_EQ(body_of(get(server.port(), "/x")), "three");
  EXPECT_EQ(server.request_count(), 4u);
}

TEST(StubServer, RecordsTheRequestAsSent) {
  StubServer server;
  server.script("POST", "/api/token", {StubReply::json({{"ok", true}})});
  const std::string body = "grant_type=refresh_token&code=a%2Bb%20c";
  const std::string reply = raw_exchange(server.port(),
                                         "POST /api/token?x=1%2F2&y=%C3%A9 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                         "X-Test: yes\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                         "Content-Length: " +
                                             std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(body_of(reply), R"({"ok":true})");
  ASSERT_EQ(server.request_count(), 1u);
  const RecordedRequest request = server.requests().front();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.path, "/api/token");
  EXPECT_EQ(request.raw_query, "x=1%2F2&y=%C3%A9");
  EXPECT_EQ(request.query_value("x"), "1/2");
  EXPECT_EQ(request.query_value("y"), "\xC3\xA9");
  EXPECT_EQ(request.header("x-test"), "yes");
  EXPECT_EQ(request.body, body);
  EXPECT_EQ(request.form_value("code"), "a+b c");
}

TEST(StubServer, UnscriptedRoutesAnswer404NamingTheRoute) {
  StubServer server;
  const std::string reply = get(server.port(), "/nowhere");
  EXPECT_EQ(reply.rfind("HTTP/1.1 404", 0), 0u) << reply;
  EXPECT_EQ(body_of(reply), "stub server: no route for GET /nowhere");
}

TEST(StubServer, HandlersSeeTheRecordedRequest) {
  StubServer server;
  server.on("GET", "/echo",
            [](const RecordedRequest& request) { return StubReply::text("q=" + request.query_value("q"), 201); });
  const std::string reply = get(server.port(), "/echo?q=hi");
  EXPECT_EQ(reply.rfind("HTTP/1.1 201", 0), 0u) << reply;
  EXPECT_EQ(body_of(reply), "q=hi");
}

TEST(StubServer, TruncatedReplyAnnouncesMoreThanItSendsThenHangsUp) {
  StubServer server;
  server.script("GET", "/cut", {StubReply::text(std::string(100, 'x')).truncated_at(10)});
  const std::string reply = get(server.port(), "/cut");
  EXPECT_NE(reply.find("Content-Length: 100\r\n"), std::string::npos) << reply;
  EXPECT_EQ(body_of(reply), std::string(10, 'x'));
}

TEST(StubServer, ExtraHeadersAreSent) {
  StubServer server;
  server.script("GET", "/h", {StubReply::error(429).header("Retry-After", "3")});
  const std::string reply = get(server.port(), "/h");
  EXPECT_EQ(reply.rfind("HTTP/1.1 429", 0), 0u) << reply;
  EXPECT_NE(reply.find("Retry-After: 3\r\n"), std::string::npos) << reply;
}

TEST(RefusingPort, RefusesConnections) {
  RefusingPort port;
  EXPECT_GT(port.port(), 0);
  EXPECT_EQ(connect_to(port.port()), -ECONNREFUSED);
}

}  // namespace
}  // namespace sonic::testing
