#include "sonic/sources/spotify/terminal_console.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

extern char** environ;

namespace sonic::sources::spotify {
namespace {

bool set(const char* variable) {
  const char* value = std::getenv(variable);
  return value && *value;
}

}  // namespace

bool can_open_browser() {
  return (set("DISPLAY") || set("WAYLAND_DISPLAY")) && ::isatty(STDIN_FILENO) && ::isatty(STDERR_FILENO);
}

void TerminalConsole::say(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

bool TerminalConsole::open_browser(const std::string& url) {
  if (!can_open_browser()) return false;
  // The URL is one argument of xdg-open, never part of a shell command. Its output would
  // scribble over the instructions, so it goes to /dev/null.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::string program = "xdg-open";
  std::string argument = url;
  std::vector<char*> argv = {program.data(), argument.data(), nullptr};
  pid_t pid = 0;
  const int failed = posix_spawnp(&pid, "xdg-open", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (failed != 0) {
    spdlog::debug("cannot start xdg-open: {}", std::strerror(failed));
    return false;
  }
  // xdg-open may hand over to a browser that keeps running: reap it without waiting here.
  std::thread([pid] { ::waitpid(pid, nullptr, 0); }).detach();
  return true;
}

std::optional<std::string> TerminalConsole::take_line() {
  const auto end = pending_.find('\n');
  if (end == std::string::npos) return std::nullopt;
  std::string line = pending_.substr(0, end);
  pending_.erase(0, end + 1);
  return line;
}

std::optional<std::string> TerminalConsole::read_line(std::chrono::milliseconds timeout) {
  if (auto line = take_line()) return line;
  if (closed_) return std::nullopt;
  pollfd input{STDIN_FILENO, POLLIN, 0};
  const int ready = ::poll(&input, 1, static_cast<int>(timeout.count()));
  if (ready <= 0) return std::nullopt;  // nothing yet (or EINTR: the caller asks again)
  char buffer[4096];
  const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
  if (got < 0 && errno == EINTR) return std::nullopt;
  if (got <= 0) {
    closed_ = true;
    if (pending_.empty()) return std::nullopt;
    std::string last = std::move(pending_);  // a last line without its newline
    pending_.clear();
    return last;
  }
  pending_.append(buffer, static_cast<std::size_t>(got));
  return take_line();
}

}  // namespace sonic::sources::spotify
