#pragma once
// A loopback HTTP server for tests (cpp-httplib underneath, kept out of this header). It listens
// on 127.0.0.1 at a free port from construction to destruction, records every request it gets
// and answers each route from a script or a handler:
//
//   StubServer server;
//   server.script("GET", "/v1/tracks", {StubReply::error(500), StubReply::error(500),
//                                       StubReply::json({{"tracks", nlohmann::json::array()}})});
//   server.on("POST", "/api/token", [](const RecordedRequest& request) {
//     return request.form_value("grant_type") == "refresh_token" ? StubReply::json(...)
//                                                                : StubReply::error(400);
//   });
//   ... point the client at server.url("/v1") ...
//   EXPECT_EQ(server.requests().size(), 3u);
//
// Declare the server before the clients that talk to it, so the clients (and their kept-alive
// connections) are gone when the server stops; otherwise stopping waits up to one second for
// each idle connection.
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sonic/net/http_headers.hpp"

namespace sonic::testing {

// One request as the stub received it.
struct RecordedRequest {
  std::string method;
  std::string path;                               // decoded, without the query
  std::string raw_query;                          // exactly as sent: "q=a%20b&limit=5"
  std::multimap<std::string, std::string> query;  // decoded
  net::HttpHeaders headers;
  std::string body;
  int remote_port = 0;  // the same on two requests: the client reused its connection

  std::string header(std::string_view name) const;         // "" when absent
  std::string query_value(const std::string& name) const;  // "" when absent
  std::multimap<std::string, std::string> form() const;    // the body, form-decoded
  std::string form_value(const std::string& name) const;   // "" when absent
  nlohmann::json json() const;                             // the body parsed as JSON
};

// One scripted reply.
struct StubReply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::milliseconds delay{0};  // waits this long before answering (client timeouts)
  std::optional<std::size_t> cut_at;   // sends the full Content-Length, then only this many
                                       // body bytes, then hangs up: a truncated reply

  static StubReply json(const nlohmann::json& body, int status = 200);
  static StubReply text(std::string body, int status = 200);
  static StubReply error(int status, std::string body = "");  // text/plain

  StubReply& header(std::string name, std::string value);
  StubReply& after(std::chrono::milliseconds wait);
  StubReply& truncated_at(std::size_t bytes);  // must be less than the body's size
};

using StubHandler = std::function<StubReply(const RecordedRequest&)>;

class StubServer {
 public:
  StubServer();
  ~StubServer();
  StubServer(const StubServer&) = delete;
  StubServer& operator=(const StubServer&) = delete;

  int port() const;
  std::string url(std::string_view path = "") const;  // "http://127.0.0.1:<port>" + path

  // Answers `method path` with these replies in turn; the last one keeps answering after that.
  // A route nobody scripted answers 404 with a body naming it.
  void script(const std::string& method, const std::string& path, std::vector<StubReply> replies);
  // Answers `method path` by calling `handler` on a server thread. An exception it throws
  // reaches the client as a 500.
  void on(const std::string& method, const std::string& path, StubHandler handler);

  std::vector<RecordedRequest> requests() const;
  std::size_t request_count() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace sonic::testing
