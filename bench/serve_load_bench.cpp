// Open-loop load for `sonic serve` (bench/run serve): requests are due at a fixed rate whatever
// the server does, each on a kept-alive connection that is free at the time (or as soon as one
// frees), and each request's latency runs from the moment it was due, not from when it could be
// sent, so a stalled server is charged for every request it held back (no coordinated omission,
// which a closed-loop tool like wrk has). Every request is a different single row, seeded.
//
//   serve_load_bench --port P --rate R [--seconds 10] [--warmup 1] [--connections 16]
//                    [--model mood|session] [--features a,b,c] [--seed 1]
//
// Prints one JSON line: the rate asked and achieved, p50/p99/p999/max latency in ms, requests,
// errors: `failed` (non-200 answers, broken connections) plus `unanswered` (still missing 2 s
// after the last was due: a server, or a machine, that could not keep up).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  int port = 0;
  double rate = 1000;
  double seconds = 10;
  double warmup = 1;
  int connections = 16;
  std::string model = "mood";
  std::vector<std::string> features;
  unsigned seed = 1;
};

[[noreturn]] void usage(const std::string& why) {
  std::fprintf(stderr,
               "serve_load_bench: %s\nusage: serve_load_bench --port P --rate R [--seconds S] [--warmup S] "
               "[--connections N] [--model mood|session] [--features a,b,c] [--seed N]\n",
               why.c_str());
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) usage(flag + " needs a value");
    const std::string value = argv[++i];
    if (flag == "--port")
      options.port = std::stoi(value);
    else if (flag == "--rate")
      options.rate = std::stod(value);
    else if (flag == "--seconds")
      options.seconds = std::stod(value);
    else if (flag == "--warmup")
      options.warmup = std::stod(value);
    else if (flag == "--connections")
      options.connections = std::stoi(value);
    else if (flag == "--model")
      options.model = value;
    else if (flag == "--seed")
      options.seed = static_cast<unsigned>(std::stoul(value));
    else if (flag == "--features") {
      for (std::size_t at = 0; at <= value.size();) {
        const auto comma = std::min(value.find(',', at), value.size());
        if (comma > at) options.features.push_back(value.substr(at, comma - at));
        at = comma + 1;
      }
    } else {
      usage("unknown option " + flag);
    }
  }
  if (options.port <= 0) usage("--port is required");
  if (options.rate <= 0 || options.seconds <= 0 || options.connections < 1) usage("bad rate, seconds or connections");
  if (options.model == "mood" && options.features.empty()) usage("--features is required for the mood model");
  return options;
}

// Varied single-row bodies, as bench/serve_request.lua makes them.
std::vector<std::string> request_bodies(const Options& options, std::size_t count) {
  std::mt19937_64 random(options.seed);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<std::string> bodies;
  for (std::size_t i = 0; i < count; ++i) {
    nlohmann::json row = nlohmann::json::object();
    if (options.model == "mood") {
      for (const auto& name : options.features) {
        const double x = unit(random);
        if (name == "tempo")
          row[name] = 60 + 120 * x;
        else if (name == "loudness")
          row[name] = -30 + 28 * x;
        else if (name == "key")
          row[name] = static_cast<int>(x * 12);
        else if (name == "mode")
          row[name] = x < 0.5 ? 0 : 1;
        else
          row[name] = x;
      }
    } else {
      char at[64];
      std::snprintf(at, sizeof at, "2030-%02d-%02dT%02d:%02d:00Z", 1 + static_cast<int>(unit(random) * 12),
                    1 + static_cast<int>(unit(random) * 28), static_cast<int>(unit(random) * 24),
                    static_cast<int>(unit(random) * 60));
      row = {{"at", at}, {"hours", 24}};
    }
    const std::string body = nlohmann::json{{"dataframe_records", {row}}}.dump();
    bodies.push_back("POST /models/" + options.model +
                     "/invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     "Content-Length: " +
                     std::to_string(body.size()) + "\r\n\r\n" + body);
  }
  return bodies;
}

struct Connection {
  int fd = -1;
  bool busy = false;
  Clock::time_point due;  // when its request in flight was due
  bool recorded = false;  // whether that request counts (after the warm-up)
  std::string out;        // what is left to write
  std::string sent;       // the request in flight, whole
  bool retried = false;   // sent again once on a new connection
  std::string in;         // what has arrived of the answer
};

int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    throw std::runtime_error(std::string("cannot connect to 127.0.0.1:") + std::to_string(port) + ": " +
                             std::strerror(errno));
  }
  int yes = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  return fd;
}

// The status of a complete answer in `in` and its length; length 0 while it is incomplete.
std::pair<int, std::size_t> complete_answer(const std::string& in, bool& closes) {
  const auto header_end = in.find("\r\n\r\n");
  if (header_end == std::string::npos) return {0, 0};
  std::string head = in.substr(0, header_end);
  std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
  const auto length_at = head.find("content-length:");
  const std::size_t length = length_at == std::string::npos ? 0 : std::stoul(head.substr(length_at + 15));
  if (in.size() < header_end + 4 + length) return {0, 0};
  closes = head.find("connection: close") != std::string::npos;
  return {std::atoi(in.c_str() + 9), header_end + 4 + length};
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto index = static_cast<std::size_t>(std::ceil(p / 100 * static_cast<double>(sorted.size()))) - 1;
  return sorted[std::min(index, sorted.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) try {
  const Options options = parse(argc, argv);
  const std::vector<std::string> bodies = request_bodies(options, 4096);
  std::vector<Connection> connections(static_cast<std::size_t>(options.connections));
  for (auto& connection : connections) connection.fd = connect_to(options.port);

  const auto interval = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1 / options.rate));
  const auto start = Clock::now();
  const auto measured_from =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.warmup));
  const auto stop_sending =
      measured_from + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.seconds));
  const auto give_up = stop_sending + std::chrono::seconds(2);
  std::deque<Clock::time_point> waiting;  // due requests no connection was free for
  std::vector<double> latencies_ms;
  latencies_ms.reserve(static_cast<std::size_t>(options.rate * options.seconds * 1.1));
  long errors = 0;
  auto last_answer = measured_from;
  std::size_t next_body = 0;
  auto next_due = start;
  std::vector<pollfd> polled(connections.size());

  const auto send_on = [&](Connection& connection, Clock::time_point due) {
    connection.busy = true;
    connection.due = due;
    connection.recorded = due >= measured_from;
    connection.out = bodies[next_body++ % bodies.size()];
    connection.sent = connection.out;
    connection.retried = false;
    connection.in.clear();
  };
  const auto dispatch = [&] {
    for (auto& connection : connections) {
      if (waiting.empty()) return;
      if (connection.busy || connection.fd < 0) continue;
      send_on(connection, waiting.front());
      waiting.pop_front();
    }
  };

  for (;;) {
    const auto now = Clock::now();
    while (next_due <= now && next_due < stop_sending) {
      waiting.push_back(next_due);
      next_due += interval;
    }
    dispatch();
    const bool busy = std::any_of(connections.begin(), connections.end(), [](const auto& c) { return c.busy; });
    if (next_due >= stop_sending && waiting.empty() && !busy) break;
    if (now >= give_up) break;
    for (std::size_t i = 0; i < connections.size(); ++i) {
      // An idle connection is watched too: the server closes one idle for 2 s, and it is replaced.
      polled[i] = {connections[i].fd,
                   static_cast<short>(connections[i].busy && !connections[i].out.empty() ? POLLOUT : POLLIN), 0};
    }
    const auto wait = next_due < stop_sending
                          ? std::max(next_due - now, Clock::duration::zero())
                          : std::chrono::duration_cast<Clock::duration>(std::chrono::milliseconds(10));
    const timespec timeout{0, static_cast<long>(std::chrono::duration_cast<std::chrono::nanoseconds>(wait).count())};
    if (::ppoll(polled.data(), polled.size(), &timeout, nullptr) < 0) throw std::runtime_error("ppoll failed");
    for (std::size_t i = 0; i < connections.size(); ++i) {
      Connection& connection = connections[i];
      if (polled[i].revents == 0) continue;
      if (!connection.busy) {  // closed by the server while idle: not an error, a new connection
        ::close(connection.fd);
        connection.fd = connect_to(options.port);
        continue;
      }
      bool broken = (polled[i].revents & (POLLERR | POLLNVAL)) != 0;
      if (!broken && !connection.out.empty()) {
        const auto written = ::send(connection.fd, connection.out.data(), connection.out.size(), MSG_NOSIGNAL);
        if (written > 0) connection.out.erase(0, static_cast<std::size_t>(written));
        broken = written < 0 && errno != EAGAIN;
      } else if (!broken) {
        char buffer[16384];
        const auto got = ::recv(connection.fd, buffer, sizeof buffer, 0);
        if (got > 0) connection.in.append(buffer, static_cast<std::size_t>(got));
        broken = got == 0 || (got < 0 && errno != EAGAIN);
        bool closes = false;
        const auto [status, length] = complete_answer(connection.in, closes);
        if (!broken && length > 0) {
          const double ms = std::chrono::duration<double, std::milli>(Clock::now() - connection.due).count();
          if (connection.recorded) {
            last_answer = Clock::now();
            latencies_ms.push_back(ms);
            if (status != 200) ++errors;
          }
          connection.busy = false;
          if (closes) {  // the server's keep-alive limit: a new connection for the next request
            ::close(connection.fd);
            connection.fd = connect_to(options.port);
          }
        }
      }
      if (broken && connection.in.empty() && !connection.retried) {
        // Closed by the server (idle) just as the request went out: send it again, still timed
        // from when it was due.
        ::close(connection.fd);
        connection.fd = connect_to(options.port);
        connection.out = connection.sent;
        connection.retried = true;
        continue;
      }
      if (broken) {
        if (connection.recorded) ++errors;
        connection.busy = false;
        ::close(connection.fd);
        connection.fd = connect_to(options.port);
      }
    }
  }
  long unanswered = static_cast<long>(waiting.size());
  for (const auto& connection : connections) unanswered += connection.busy && connection.recorded ? 1 : 0;
  const double elapsed = std::chrono::duration<double>(last_answer - measured_from).count();
  std::sort(latencies_ms.begin(), latencies_ms.end());
  const nlohmann::json result = {
      {"model", options.model},
      {"connections", options.connections},
      {"target_rate", options.rate},
      {"rate", static_cast<double>(latencies_ms.size()) / std::max(elapsed, options.seconds)},
      {"requests", latencies_ms.size()},
      {"p50_ms", percentile(latencies_ms, 50)},
      {"p99_ms", percentile(latencies_ms, 99)},
      {"p999_ms", percentile(latencies_ms, 99.9)},
      {"max_ms", latencies_ms.empty() ? 0 : latencies_ms.back()},
      {"errors", errors + unanswered},
      {"failed", errors},  // non-200 answers and broken connections
      {"unanswered", unanswered}};
  std::printf("%s\n", result.dump().c_str());
  for (auto& connection : connections) ::close(connection.fd);
  return 0;
} catch (const std::exception& error) {
  std::fprintf(stderr, "serve_load_bench: %s\n", error.what());
  return 1;
}
