#pragma once
// The loopback end of the login: a tiny HTTP server on 127.0.0.1 (cpp-httplib underneath,
// kept out of this header) that waits for the browser to arrive at /callback, answers it with
// a short self-contained page, and hands the redirect to the login. Redirects whose state is
// not this login's get an explanatory page and are otherwise ignored, so a stale tab or a
// forged request can neither end nor hijack the login.
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "sonic/sources/spotify/authorization_redirect.hpp"

namespace sonic::sources::spotify {

class CallbackListener {
 public:
  // Listens on 127.0.0.1:`port` (0: a free port the system picks). A port already in use is a
  // UsageError suggesting --port.
  CallbackListener(int port, std::string expected_state);
  ~CallbackListener();
  CallbackListener(const CallbackListener&) = delete;
  CallbackListener& operator=(const CallbackListener&) = delete;

  int port() const;
  std::string redirect_uri() const;  // http://127.0.0.1:<port>/callback

  // The first redirect of this login (a code or an error), or nullopt when none came within
  // `timeout`.
  std::optional<AuthorizationRedirect> wait(std::chrono::milliseconds timeout);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace sonic::sources::spotify
