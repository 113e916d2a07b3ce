#include "replace_file.hpp"

#include <unistd.h>

#include <string>
#include <system_error>

#include "sonic/core/error.hpp"

namespace sonic::sim {

void replace_file(const std::filesystem::path& target,
                  const std::function<void(const std::filesystem::path& temporary)>& write) {
  std::error_code error;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), error);
  if (error) {
    throw Error(ExitCode::unexpected, "cannot create the folder for " + target.string() + ": " + error.message());
  }
  // Same folder, so the rename stays on one file system and is atomic; the pid keeps two
  // processes writing the same target from sharing a temporary file.
  std::filesystem::path temporary = target;
  temporary += ".partial-" + std::to_string(getpid());
  try {
    write(temporary);
  } catch (...) {
    std::filesystem::remove(temporary, error);
    throw;
  }
  std::filesystem::rename(temporary, target, error);
  if (error) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw Error(ExitCode::unexpected, "cannot rename into " + target.string() + ": " + error.message());
  }
}

}  // namespace sonic::sim
