#pragma once
// Runs the real `sonic` binary, as cron or a person would, and captures what it printed.
#include <map>
#include <string>
#include <vector>

namespace sonic::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

struct RunOptions {
  std::map<std::string, std::string> env;  // added to a minimal environment
  std::string cwd;                         // default: a fresh temporary folder
  std::string stdin_text;
  int kill_after_ms = 0;  // > 0: SIGKILL the process after this long if it still runs
};

RunResult run_sonic(const std::vector<std::string>& args, const RunOptions& options = {});

}  // namespace sonic::testing
