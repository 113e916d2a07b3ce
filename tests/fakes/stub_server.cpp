#include "fakes/stub_server.hpp"

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace sonic::testing {
namespace {

std::multimap<std::string, std::string> decode_pairs(const std::string& text) {
  httplib::Params params;
  httplib::detail::parse_query_text(text, params);
  return {params.begin(), params.end()};
}

std::string first_value(const std::multimap<std::string, std::string>& pairs, const std::string& name) {
  const auto found = pairs.find(name);
  return found == pairs.end() ? std::string() : found->second;
}

RecordedRequest record(const httplib::Request& request) {
  RecordedRequest recorded;
  recorded.method = request.method;
  recorded.path = request.path;
  if (const auto mark = request.target.find('?'); mark != std::string::npos) {
    recorded.raw_query = request.target.substr(mark + 1);
  }
  recorded.query = decode_pairs(recorded.raw_query);
  for (const auto& [name, value] : request.headers) recorded.headers.add(name, value);
  recorded.body = request.body;
  recorded.remote_port = request.remote_port;
  return recorded;
}

void write_reply(const StubReply& reply, httplib::Response& response) {
  response.status = reply.status;
  for (const auto& [name, value] : reply.headers) response.set_header(name, value);
  if (reply.cut_at && *reply.cut_at < reply.body.size()) {
    // A provider that stops early makes httplib abandon the reply and close the connection
    // after the headers announced the whole length: the client sees a truncated body.
    const std::size_t keep = *reply.cut_at;
    response.set_content_provider(reply.body.size(), reply.content_type.c_str(),
                                  [body = reply.body, keep](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                                    if (offset >= keep) return false;
                                    sink.write(body.data() + offset, keep - offset);
                                    return true;
                                  });
  } else if (!reply.content_type.empty()) {
    response.set_content(reply.body, reply.content_type.c_str());
  } else {
    response.body = reply.body;
  }
}

// Replies in turn; the last one sticks.
class ScriptedReplies {
 public:
  explicit ScriptedReplies(std::vector<StubReply> replies) : replies_(replies.begin(), replies.end()) {
    if (replies_.empty()) throw std::invalid_argument("a stub script needs at least one reply");
  }
  StubReply next() {
    std::lock_guard lock(mutex_);
    StubReply reply = replies_.front();
    if (replies_.size() > 1) replies_.pop_front();
    return reply;
  }

 private:
  std::mutex mutex_;
  std::deque<StubReply> replies_;
};

}  // namespace

std::string RecordedRequest::header(std::string_view name) const { return headers.find(name).value_or(""); }

std::string RecordedRequest::query_value(const std::string& name) const { return first_value(query, name); }

std::multimap<std::string, std::string> RecordedRequest::form() const { return decode_pairs(body); }

std::string RecordedRequest::form_value(const std::string& name) const { return first_value(form(), name); }

nlohmann::json RecordedRequest::json() const { return nlohmann::json::parse(body); }

StubReply StubReply::json(const nlohmann::json& body, int status) {
  StubReply reply;
  reply.status = status;
  reply.body = body.dump();
  return reply;
}

StubReply StubReply::text(std::string body, int status) {
  StubReply reply;
  reply.status = status;
  reply.body = std::move(body);
  reply.content_type = "text/plain";
  return reply;
}

StubReply StubReply::error(int status, std::string body) { return text(std::move(body), status); }

StubReply& StubReply::header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

StubReply& StubReply::after(std::chrono::milliseconds wait) {
  delay = wait;
  return *this;
}

StubReply& StubReply::truncated_at(std::size_t bytes) {
  cut_at = bytes;
  return *this;
}

struct StubServer::State {
  httplib::Server server;
  std::thread listener;
  int port = -1;

  mutable std::mutex mutex;
  std::condition_variable stopping_changed;
  bool stopping = false;
  std::map<std::pair<std::string, std::string>, StubHandler> routes;
  std::vector<RecordedRequest> requests;

  void handle(const httplib::Request& request, httplib::Response& response) {
    RecordedRequest recorded = record(request);
    StubHandler handler;
    {
      std::lock_guard lock(mutex);
      requests.push_back(recorded);
      const auto route = routes.find({recorded.method, recorded.path});
      if (route != routes.end()) handler = route->second;
    }
    const StubReply reply =
        handler ? handler(recorded)
                : StubReply::error(404, "stub server: no route for " + recorded.method + " " + recorded.path);
    if (reply.delay.count() > 0) {
      // Cut short when the server stops, so a test never waits out a long delay.
      std::unique_lock lock(mutex);
      stopping_changed.wait_for(lock, reply.delay, [this] { return stopping; });
    }
    write_reply(reply, response);
  }
};

StubServer::StubServer() : state_(std::make_unique<State>()) {
  auto& server = state_->server;
  const httplib::Server::Handler handler = [state = state_.get()](const httplib::Request& request,
                                                                  httplib::Response& response) {
    state->handle(request, response);
  };
  server.Get(".*", handler);
  server.Post(".*", handler);
  server.Put(".*", handler);
  server.Patch(".*", handler);
  server.Delete(".*", handler);
  server.set_tcp_nodelay(true);      // httplib writes headers and body apart: no Nagle delay
  server.set_keep_alive_timeout(1);  // bounds how long stop() waits for an idle connection
  state_->port = server.bind_to_any_port("127.0.0.1");
  if (state_->port <= 0) throw std::runtime_error("stub server: no free loopback port");
  state_->listener = std::thread([&server] { server.listen_after_bind(); });
  // The socket already listens (connections queue in its backlog); wait for the accept loop.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!server.is_running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (!server.is_running()) {
    server.stop();
    state_->listener.join();
    throw std::runtime_error("stub server: did not start");
  }
}

StubServer::~StubServer() {
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
  }
  state_->stopping_changed.notify_all();
  state_->server.stop();
  if (state_->listener.joinable()) state_->listener.join();
}

int StubServer::port() const { return state_->port; }

std::string StubServer::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(state_->port) + std::string(path);
}

void StubServer::script(const std::string& method, const std::string& path, std::vector<StubReply> replies) {
  auto scripted = std::make_shared<ScriptedReplies>(std::move(replies));
  on(method, path, [scripted](const RecordedRequest&) { return scripted->next(); });
}

void StubServer::on(const std::string& method, const std::string& path, StubHandler handler) {
  std::lock_guard lock(state_->mutex);
  state_->routes[{method, path}] = std::move(handler);
}

std::vector<RecordedRequest> StubServer::requests() const {
  std::lock_guard lock(state_->mutex);
  return state_->requests;
}

std::size_t StubServer::request_count() const {
  std::lock_guard lock(state_->mutex);
  return state_->requests.size();
}

}  // namespace sonic::testing
