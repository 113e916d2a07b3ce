#pragma once
// The real `sonic` binary running in the background, for tests that act while it runs: play
// the browser of a login, paste into its standard input, watch what it prints so far.
//
//   SonicProcess login({"auth", "spotify", "--port", port}, options);
//   const auto url = login.wait_for_output(std::regex(R"(http://\S+/authorize\?\S+)"), 10s);
//   ... act on it ...
//   const RunResult result = login.wait(30s);
#include <chrono>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "support/run_sonic.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {

class SonicProcess {
 public:
  // Starts the binary with the environment of run_sonic(). `options.stdin_text` (at most
  // 60 KiB, the pipe's capacity) is written at once; stdin stays open until close_stdin().
  // `options.kill_after_ms` is ignored: wait() takes the limit.
  explicit SonicProcess(const std::vector<std::string>& args, const RunOptions& options = {});
  ~SonicProcess();  // kills the process if it still runs
  SonicProcess(const SonicProcess&) = delete;
  SonicProcess& operator=(const SonicProcess&) = delete;

  void write_stdin(const std::string& text);
  void close_stdin();

  // What it printed so far.
  std::string out() const;
  std::string err() const;

  // The first match of `pattern` in stdout or stderr (stdout first), waiting up to `timeout`
  // for it to appear; nullopt if it did not, or if the process ended without printing it.
  std::optional<std::string> wait_for_output(const std::regex& pattern, std::chrono::milliseconds timeout);

  // Sends `signal` (SIGTERM, SIGINT) while it still runs.
  void send_signal(int signal);

  // Waits for the exit; after `timeout` the process is killed (exit code 128 + SIGKILL).
  RunResult wait(std::chrono::milliseconds timeout = std::chrono::minutes(2));
  bool running();

 private:
  TempDir scratch_;
  int pid_ = -1;
  int stdin_fd_ = -1;
  std::optional<int> status_;
};

}  // namespace sonic::testing
