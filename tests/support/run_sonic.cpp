#include "support/run_sonic.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "support/temp_dir.hpp"

extern char** environ;

namespace sonic::testing {

RunResult run_sonic(const std::vector<std::string>& args, const RunOptions& options) {
  TempDir scratch;
  const auto out_path = scratch / "stdout";
  const auto err_path = scratch / "stderr";
  const auto in_path = write_file(scratch / "stdin", options.stdin_text);
  const std::string cwd = options.cwd.empty() ? scratch.path().string() : options.cwd;

  // A minimal, predictable environment: nothing from the developer's shell leaks in.
  std::vector<std::string> env_strings = {"PATH=/usr/bin:/bin", "HOME=" + scratch.path().string(),
                                          "TZ=UTC", "LANG=C.UTF-8"};
  for (const auto& [key, value] : options.env) env_strings.push_back(key + "=" + value);
  std::vector<char*> envp;
  for (auto& entry : env_strings) envp.push_back(entry.data());
  envp.push_back(nullptr);

  std::vector<std::string> argv_strings = {SONIC_BINARY};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_strings) argv.push_back(arg.data());
  argv.push_back(nullptr);

  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (chdir(cwd.c_str()) != 0) _exit(127);
    int in = open(in_path.c_str(), O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0) _exit(127);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  int status = 0;
  if (options.kill_after_ms > 0) {
    // Poll so that a run that ends early is not killed (nor its pid reused).
    for (int waited = 0; waited < options.kill_after_ms; waited += 5) {
      if (waitpid(pid, &status, WNOHANG) == pid) goto done;
      usleep(5000);
    }
    kill(pid, SIGKILL);
  }
  waitpid(pid, &status, 0);
done:
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  return result;
}

}  // namespace sonic::testing
