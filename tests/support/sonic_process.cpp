#include "support/sonic_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace sonic::testing {
namespace {

constexpr std::size_t kMaxInitialStdin = 60 * 1024;

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> result;
  for (auto& text : strings) result.push_back(text.data());
  result.push_back(nullptr);
  return result;
}

}  // namespace

SonicProcess::SonicProcess(const std::vector<std::string>& args, const RunOptions& options) {
  if (options.stdin_text.size() > kMaxInitialStdin) {
    throw std::invalid_argument("stdin_text is larger than a pipe holds");
  }
  ::signal(SIGPIPE, SIG_IGN);  // writing to a process that has exited must not kill the test
  const std::string out_path = (scratch_ / "stdout").string();
  const std::string err_path = (scratch_ / "stderr").string();
  const std::string cwd = options.cwd.empty() ? (scratch_ / "cwd").string() : options.cwd;
  std::filesystem::create_directories(cwd);
  std::filesystem::create_directories(scratch_ / "home");
  write_file(out_path, "");  // readable at once, before the child has opened them
  write_file(err_path, "");

  // A minimal, predictable environment: nothing from the developer's shell leaks in.
  std::vector<std::string> env_strings = {"PATH=/usr/bin:/bin", "HOME=" + (scratch_ / "home").string(), "TZ=UTC",
                                          "LANG=C.UTF-8"};
  for (const auto& [key, value] : options.env) env_strings.push_back(key + "=" + value);
  std::vector<std::string> argv_strings = {SONIC_BINARY};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  auto envp = pointers(env_strings);
  auto argv = pointers(argv_strings);

  int in_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    if (::chdir(cwd.c_str()) != 0) _exit(127);
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0 || err < 0) _exit(127);
    ::dup2(in_pipe[0], 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  ::close(in_pipe[0]);
  stdin_fd_ = in_pipe[1];
  write_stdin(options.stdin_text);
}

SonicProcess::~SonicProcess() {
  close_stdin();
  if (!status_) wait(std::chrono::milliseconds(0));
}

void SonicProcess::write_stdin(const std::string& text) {
  std::size_t written = 0;
  while (stdin_fd_ >= 0 && written < text.size()) {
    const ssize_t n = ::write(stdin_fd_, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the process is gone
    written += static_cast<std::size_t>(n);
  }
}

void SonicProcess::close_stdin() {
  if (stdin_fd_ >= 0) ::close(stdin_fd_);
  stdin_fd_ = -1;
}

std::string SonicProcess::out() const { return read_file(scratch_ / "stdout"); }
std::string SonicProcess::err() const { return read_file(scratch_ / "stderr"); }

bool SonicProcess::running() {
  if (status_) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) status_ = status;
  return !status_;
}

std::optional<std::string> SonicProcess::wait_for_output(const std::regex& pattern, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const bool still_running = running();  // before reading, so a last word is not missed
    for (const std::string& text : {out(), err()}) {
      std::smatch match;
      if (std::regex_search(text, match, pattern)) return match.str(0);
    }
    if (!still_running || std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void SonicProcess::send_signal(int signal) {
  if (running()) ::kill(pid_, signal);
}

RunResult SonicProcess::wait(std::chrono::milliseconds timeout) {
  // Poll, so that a run that ends early is not killed (nor its pid reused).
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (!status_) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    status_ = status;
  }
  RunResult result;
  result.exit_code = WIFEXITED(*status_) ? WEXITSTATUS(*status_) : 128 + WTERMSIG(*status_);
  result.out = out();
  result.err = err();
  return result;
}

}  // namespace sonic::testing
