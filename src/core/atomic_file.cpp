#include "sonic/core/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "sonic/core/error.hpp"

namespace sonic {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const char* what) {
  throw Error(ExitCode::unexpected, "cannot write " + path.string() + ": " + what + ": " + std::strerror(errno));
}

bool write_all(int fd, std::string_view content) {
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t written = ::write(fd, data, left);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    data += written;
    left -= static_cast<std::size_t>(written);
  }
  return true;
}

}  // namespace

void replace_file_atomically(const std::filesystem::path& path,
                             const std::function<void(const std::filesystem::path& temporary)>& write, unsigned mode) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  // Same folder, so the rename stays on one file system and is atomic; mkstemp's unique name
  // keeps two processes writing the same target apart, and its 0600 keeps the content private
  // until it is complete.
  std::string temp = path.string() + ".tmp-XXXXXX";
  const int created = mkstemp(temp.data());
  if (created < 0) fail(path, "creating a temporary file");
  close(created);
  try {
    write(temp);
  } catch (...) {
    ::unlink(temp.c_str());
    throw;
  }
  // The content reaches the disk before the name does.
  const int fd = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC);
  bool ok = fd >= 0 && fchmod(fd, static_cast<mode_t>(mode)) == 0 && fsync(fd) == 0;
  const int saved_errno = errno;
  if (fd >= 0) close(fd);
  if (!ok || std::rename(temp.c_str(), path.c_str()) != 0) {
    errno = ok ? errno : saved_errno;
    ::unlink(temp.c_str());
    fail(path, "writing");
  }
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content, unsigned mode) {
  replace_file_atomically(
      path,
      [&](const std::filesystem::path& temporary) {
        const int fd = ::open(temporary.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
        const bool ok = fd >= 0 && write_all(fd, content);
        const int saved_errno = errno;
        if (fd >= 0) close(fd);
        errno = saved_errno;
        if (!ok) fail(path, "writing");
      },
      mode);
}

}  // namespace sonic
