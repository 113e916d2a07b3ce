#pragma once
// What every subcommand starts from: logging set up once, the home resolved, and what the command
// declares it needs (the time zone, the writer's lock, the store), opened in one order.
#include <cstdint>
#include <optional>
#include <string>

#include "global_options.hpp"
#include "sonic/core/home.hpp"
#include "sonic/core/run_lock.hpp"
#include "sonic/core/time_zone.hpp"
#include "sonic/store/database.hpp"

namespace sonic::cli {

enum class LockNeed {
  none,
  wait,        // wait (saying so on stderr) while another sonic run writes to the home
  step_aside,  // take the lock only if it is free; holds_lock() says whether it was
};

enum class StoreNeed {
  none,
  existing,  // the store must exist: without one, say how to make it (exit 2)
  created,   // opened, created and migrated if needed
};

struct CommandNeeds {
  bool time_zone = false;  // --tz / SONIC_TZ, else the system's
  LockNeed lock = LockNeed::none;
  StoreNeed store = StoreNeed::none;
  // What to do first when StoreNeed::existing finds no store.
  const char* missing_store_advice = "import your Spotify data first";
};

// Order of the side effects: logging, home, time zone, the store's existence (before any wait
// or folder is made), the lock (creating the home), then the store.
class CommandContext {
 public:
  CommandContext(const GlobalOptions& globals, const CommandNeeds& needs = {});

  const GlobalOptions& globals() const { return globals_; }
  const Home& home() const { return home_; }
  const TimeZone& zone() const;  // needs.time_zone
  store::Database& db();         // needs.store
  bool holds_lock() const { return lock_.has_value(); }

  bool quiet() const { return globals_.quiet; }
  // Progress may be drawn on stderr: it is a terminal and --quiet was not given.
  bool progress_on_stderr() const;
  std::int64_t session_gap_ms() const { return cli::session_gap_ms(globals_); }

 private:
  const GlobalOptions& globals_;
  Home home_;
  std::optional<TimeZone> zone_;
  std::optional<RunLock> lock_;
  std::optional<store::Database> db_;
};

// The message of a command that needs a store where there is none.
void require_store(const Home& home, const char* advice = "import your Spotify data first");

}  // namespace sonic::cli
