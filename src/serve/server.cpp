#include "sonic/serve/server.hpp"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <csignal>
#include <future>
#include <map>
#include <utility>

#include "serve/access_token.hpp"
#include "serve/service.hpp"
#include "sonic/core/error.hpp"
// Last: <httplib.h> brings <resolv.h>, whose _res macro breaks Eigen's headers included after it.
#include <httplib.h>

namespace sonic::serve {
namespace {

constexpr std::size_t kMaxBodyBytes = 1 << 20;
constexpr auto kGracePeriod = std::chrono::seconds(5);
// A kept-alive connection is closed after this many requests (bounded, as the issue asks; large
// enough that reconnecting is rare under load).
constexpr std::size_t kKeepAliveMaxRequests = 10000;

// The error body of what httplib refuses before the service sees it: {code, message}.
nlohmann::json refusal_of(int status) {
  static const std::map<int, std::pair<const char*, const char*>> kRefusals = {
      {400, {"bad_request", "the request is malformed"}},
      {413, {"payload_too_large", "the body is over 1 MiB"}},
      {414, {"uri_too_long", "the address is too long"}}};
  const auto found = kRefusals.find(status);
  const auto& [code, message] =
      found == kRefusals.end() ? std::pair{"http_error", "the request was refused"} : found->second;
  return {{"error", {{"code", code}, {"message", message}}}};
}

}  // namespace

struct Server::State {
  State(const Home& home, const TimeZone& zone, ServeOptions serve_options)
      : options(std::move(serve_options)), service(home, zone, options.token) {}
  ServeOptions options;
  Service service;
  httplib::Server http;
  int port = -1;
  socket_t listening = INVALID_SOCKET;  // the listening socket, seen in set_socket_options
};

Server::Server(const Home& home, const TimeZone& zone, ServeOptions options) {
  if (!is_loopback_host(options.host) && !options.token) {
    throw UsageError("--host " + options.host +
                     " is reachable by others: give a token (--token-file FILE, mode 0600, or SONIC_SERVE_TOKEN)");
  }
  state_ = std::make_unique<State>(home, zone, std::move(options));
  auto& http = state_->http;
  auto* service = &state_->service;
  const auto handler = [service](const httplib::Request& request, httplib::Response& response) {
    service->handle(request, response);
  };
  // Every method reaches the service, which routes by itself: it tells 404 from 405.
  http.Get(".*", handler).Post(".*", handler).Put(".*", handler).Delete(".*", handler).Patch(".*", handler);
  http.Options(".*", handler);
  // What httplib refuses itself (413 over the limit, a malformed request line) gets the same body.
  http.set_error_handler([](const httplib::Request&, httplib::Response& response) {
    if (!response.body.empty()) return;
    response.set_content(refusal_of(response.status).dump(), "application/json");
  });
  // One line per request, at debug: never a header (the token) or a body.
  http.set_logger([](const httplib::Request& request, const httplib::Response& response) {
    spdlog::debug("{} {} {} {}", request.remote_addr, request.method, request.path, response.status);
  });
  http.set_payload_max_length(kMaxBodyBytes);
  http.set_read_timeout(5, 0);
  http.set_write_timeout(5, 0);
  http.set_keep_alive_timeout(2);
  http.set_keep_alive_max_count(kKeepAliveMaxRequests);
  http.set_tcp_nodelay(true);
  // SO_REUSEADDR only: httplib's default SO_REUSEPORT would let another process share the port.
  http.set_socket_options([state = state_.get()](socket_t socket) {
    state->listening = socket;
    int yes = 1;
    ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    ::setsockopt(socket, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  });
  const auto threads = static_cast<std::size_t>(std::max(1, state_->options.threads));
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
}

Server::~Server() = default;

int Server::bind() {
  auto& state = *state_;
  const auto& host = state.options.host;
  state.port = state.options.port == 0 ? state.http.bind_to_any_port(host)
                                       : (state.http.bind_to_port(host, state.options.port) ? state.options.port : -1);
  if (state.port < 0) {
    throw UsageError("cannot listen on " + host + ":" + std::to_string(state.options.port) +
                     " (in use, or not an address of this machine)");
  }
  // httplib 0.11 listens with a backlog of 5: when many kept-alive clients reconnect at once
  // (each connection closes after kKeepAliveMaxRequests) the kernel drops their handshakes and
  // they wait a 1 s retransmission. Linux lets listen() on a listening socket set a new backlog.
  if (state.listening != INVALID_SOCKET) ::listen(state.listening, SOMAXCONN);
  return state.port;
}

void Server::run() { state_->http.listen_after_bind(); }

void Server::stop() { state_->http.stop(); }

std::optional<std::string> read_token(const std::optional<std::string>& token_file) {
  return read_access_token(token_file ? std::optional<std::filesystem::path>(*token_file) : std::nullopt);
}

void serve_until_signalled(Server& server, const std::function<void(int port)>& on_listening) {
  // Blocked here, before any worker starts, so every thread inherits the mask and only sigwait
  // below sees the signals.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  const int port = server.bind();
  auto serving = std::async(std::launch::async, [&server] { server.run(); });
  on_listening(port);
  int received = 0;
  sigwait(&signals, &received);
  spdlog::info("sonic serve: {} received; finishing the requests in flight",
               received == SIGTERM ? "SIGTERM" : "SIGINT");
  server.stop();
  if (serving.wait_for(kGracePeriod) != std::future_status::ready) {
    spdlog::warn("sonic serve: requests still running after {} s; stopping anyway", kGracePeriod.count());
    std::fflush(nullptr);
    std::_Exit(0);
  }
}

}  // namespace sonic::serve
