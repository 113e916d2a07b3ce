#pragma once
// `sonic serve`: the models of the registry as a local inference service (MLflow's scoring
// routes and the Open Inference Protocol v2), the read routes of the report, and the live HTML
// report, on cpp-httplib. Reads the store read-only and never takes the writers' lock, so it
// keeps answering while `sonic ingest` and `sonic retrain` run; a replaced model file is loaded
// on the next request. Routes and statuses: README.md ("Serving").
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "sonic/core/home.hpp"
#include "sonic/core/time_zone.hpp"

namespace sonic::serve {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8765;  // 0: any free port
  // Worker threads; each holds one kept-alive connection while it lasts, so this bounds the
  // connections served at once (more wait their turn).
  int threads = 64;
  std::optional<std::string> token;  // read_access_token(); required off loopback
};

class Server {
 public:
  // A UsageError when the host is not loopback and there is no token.
  Server(const Home& home, const TimeZone& zone, ServeOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the address (a UsageError naming it when that fails) and returns the port.
  int bind();
  // Serves until stop(); in-flight requests finish first.
  void run();
  void stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The token of `--token-file` (0600, else a UsageError) or SONIC_SERVE_TOKEN, else none.
std::optional<std::string> read_token(const std::optional<std::string>& token_file);

// bind, then `on_listening(port)`, then serve until SIGTERM or SIGINT; then stop accepting and
// let in-flight requests finish, for up to 5 s. Returns normally (exit 0) either way.
void serve_until_signalled(Server& server, const std::function<void(int port)>& on_listening);

}  // namespace sonic::serve
