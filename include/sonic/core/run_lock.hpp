#pragma once
// One sonic writer per home at a time: cron's hourly ingest and a person's `sonic enrich` must
// never interleave. The lock is an flock(2) on a file in the home, so the kernel drops it when
// the process dies, however it dies: a killed run never leaves a stale lock behind.
#include <filesystem>
#include <optional>

#include "sonic/core/home.hpp"

namespace sonic {

class RunLock {
 public:
  // nullopt when another process holds the lock.
  static std::optional<RunLock> try_acquire(const std::filesystem::path& file);
  // Blocks until the lock is free.
  static RunLock acquire_waiting(const std::filesystem::path& file);

  ~RunLock();
  RunLock(RunLock&& other) noexcept;
  RunLock& operator=(RunLock&&) = delete;
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

 private:
  explicit RunLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

// The lock of a run that writes the home's store: creates the home if needed and, while another
// sonic run holds it, says so (a warning on stderr) and waits.
RunLock lock_home_waiting(const Home& home);

}  // namespace sonic
