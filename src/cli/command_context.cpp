#include "command_context.hpp"

#include <unistd.h>

#include <filesystem>
#include <stdexcept>

#include "sonic/core/error.hpp"
#include "sonic/store/schema.hpp"

namespace sonic::cli {

void require_store(const Home& home, const char* advice) {
  if (!std::filesystem::exists(home.database)) {
    throw UsageError("no sonic store at " + home.database.string() + ": " + advice +
                     " (sonic import my_spotify_data.zip)");
  }
}

CommandContext::CommandContext(const GlobalOptions& globals, const CommandNeeds& needs)
    : globals_(globals), home_(start_command(globals)) {
  if (needs.time_zone) zone_.emplace(TimeZone::from_setting(globals.timezone));
  if (needs.store == StoreNeed::existing) require_store(home_, needs.missing_store_advice);
  if (needs.lock == LockNeed::wait) lock_.emplace(lock_home_waiting(home_));
  if (needs.lock == LockNeed::step_aside) {
    ensure_home_exists(home_);
    auto lock = RunLock::try_acquire(home_.lock_file());
    if (!lock) return;  // the command steps aside: nothing more is opened
    lock_.emplace(std::move(*lock));
  }
  if (needs.store != StoreNeed::none) db_.emplace(store::open_store(home_.database));
}

const TimeZone& CommandContext::zone() const {
  if (!zone_) throw std::logic_error("the command did not declare that it needs the time zone");
  return *zone_;
}

store::Database& CommandContext::db() {
  if (!db_) throw std::logic_error("the command did not declare that it needs the store");
  return *db_;
}

bool CommandContext::progress_on_stderr() const { return isatty(STDERR_FILENO) && !globals_.quiet; }

}  // namespace sonic::cli
