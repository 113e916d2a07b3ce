#include "sonic/store/new_store_build.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "sonic/core/error.hpp"
#include "sonic/store/schema.hpp"

namespace sonic::store {
namespace {

void fail(const std::filesystem::path& path, const std::string& doing) {
  throw Error(ExitCode::unexpected, "cannot " + doing + " " + path.string() + ": " + std::strerror(errno));
}

// The store's pages reach the disk before its name does, and the name before we return.
void flush_to_disk(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  const bool ok = fd >= 0 && ::fsync(fd) == 0;
  const int saved_errno = errno;
  if (fd >= 0) ::close(fd);
  errno = saved_errno;
  if (!ok) fail(path, "flush");
}

}  // namespace

std::filesystem::path new_store_scratch_path(const std::filesystem::path& path) { return path.string() + ".building"; }

void build_new_store(const std::filesystem::path& path, const std::function<void(Database& db)>& build) {
  const auto scratch = new_store_scratch_path(path);
  remove_store_files(scratch);  // a build killed earlier left it; nothing else may hold it
  try {
    {
      Database db = open_store(scratch);
      // A rollback journal (in memory: it only ever holds the few pages the migrations wrote
      // before the build began) lets a failed file's transaction roll back as before, and
      // synchronous=OFF skips every fsync but the one below: a crash can only lose the scratch.
      db.exec("PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF;");
      build(db);
      db.exec("PRAGMA journal_mode=WAL;");  // the store's own mode, kept in its header
    }
    flush_to_disk(scratch);
    if (std::rename(scratch.c_str(), path.c_str()) != 0) fail(path, "rename the new store to");
    flush_to_disk(path.has_parent_path() ? path.parent_path() : std::filesystem::path("."));
  } catch (...) {
    remove_store_files(scratch);
    throw;
  }
}

}  // namespace sonic::store
