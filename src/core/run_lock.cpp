#include "sonic/core/run_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <spdlog/spdlog.h>

#include "sonic/core/error.hpp"

namespace sonic {
namespace {

int open_lock_file(const std::filesystem::path& file) {
  std::error_code ignored;
  std::filesystem::create_directories(file.parent_path(), ignored);
  const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw Error(ExitCode::unexpected, "cannot open the lock " + file.string() + ": " + std::strerror(errno));
  }
  return fd;
}

}  // namespace

std::optional<RunLock> RunLock::try_acquire(const std::filesystem::path& file) {
  const int fd = open_lock_file(file);
  if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return RunLock(fd);
  const int error = errno;
  ::close(fd);
  if (error == EWOULDBLOCK) return std::nullopt;
  throw Error(ExitCode::unexpected, "cannot lock " + file.string() + ": " + std::strerror(error));
}

RunLock RunLock::acquire_waiting(const std::filesystem::path& file) {
  const int fd = open_lock_file(file);
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    const int error = errno;
    ::close(fd);
    throw Error(ExitCode::unexpected, "cannot lock " + file.string() + ": " + std::strerror(error));
  }
  return RunLock(fd);
}

RunLock::~RunLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the flock
}

RunLock::RunLock(RunLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

RunLock lock_home_waiting(const Home& home) {
  ensure_home_exists(home);
  if (auto lock = RunLock::try_acquire(home.lock_file())) return std::move(*lock);
  spdlog::warn("another sonic run is writing to {}; waiting for it to finish", home.dir.string());
  return RunLock::acquire_waiting(home.lock_file());
}

}  // namespace sonic
