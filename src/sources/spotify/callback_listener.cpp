#include "sonic/sources/spotify/callback_listener.hpp"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "callback_page.hpp"
#include "sonic/core/error.hpp"

namespace sonic::sources::spotify {

struct CallbackListener::State {
  httplib::Server server;
  std::thread thread;
  int port = 0;
  std::string expected_state;

  std::mutex mutex;
  std::condition_variable arrived;
  std::optional<AuthorizationRedirect> redirect;

  void handle(const httplib::Request& request, httplib::Response& response) {
    const auto parsed = parse_authorization_redirect(request.target);
    CallbackPage page = CallbackPage::not_a_redirect;
    if (parsed && !parsed->belongs_to(expected_state)) {
      page = CallbackPage::other_login;
      spdlog::warn(
          "the browser brought back a redirect from another login attempt; ignored it "
          "and still waiting for this one");
    } else if (parsed) {
      page = parsed->error.empty() ? CallbackPage::received : CallbackPage::declined;
      std::lock_guard lock(mutex);
      if (!redirect) redirect = parsed;
      arrived.notify_all();
    }
    response.status = page == CallbackPage::received || page == CallbackPage::declined ? 200 : 400;
    response.set_header("Cache-Control", "no-store");
    response.set_content(callback_page_html(page), "text/html; charset=utf-8");
  }
};

CallbackListener::CallbackListener(int port, std::string expected_state) : state_(std::make_unique<State>()) {
  state_->expected_state = std::move(expected_state);
  auto& server = state_->server;
  server.Get("/callback", [state = state_.get()](const httplib::Request& request, httplib::Response& response) {
    state->handle(request, response);
  });
  // SO_REUSEADDR only: httplib's default SO_REUSEPORT would let a second listener share the
  // port (and half of the redirects, codes included) instead of failing to bind.
  server.set_socket_options([](socket_t socket) {
    int yes = 1;
    ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  // One request per connection: a browser's kept-alive connection would otherwise hold up
  // stopping the server once the login is done.
  server.set_keep_alive_max_count(1);
  if (port == 0) {
    state_->port = server.bind_to_any_port("127.0.0.1");
  } else if (server.bind_to_port("127.0.0.1", port)) {
    state_->port = port;
  }
  if (state_->port <= 0) {
    throw UsageError("cannot listen on 127.0.0.1:" + std::to_string(port) +
                     " for the login callback (is the port in use?): choose another with --port");
  }
  state_->thread = std::thread([&server] { server.listen_after_bind(); });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!server.is_running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

CallbackListener::~CallbackListener() {
  state_->server.stop();
  if (state_->thread.joinable()) state_->thread.join();
}

int CallbackListener::port() const { return state_->port; }

std::string CallbackListener::redirect_uri() const {
  return "http://127.0.0.1:" + std::to_string(state_->port) + "/callback";
}

std::optional<AuthorizationRedirect> CallbackListener::wait(std::chrono::milliseconds timeout) {
  std::unique_lock lock(state_->mutex);
  state_->arrived.wait_for(lock, timeout, [this] { return state_->redirect.has_value(); });
  return state_->redirect;
}

}  // namespace sonic::sources::spotify
