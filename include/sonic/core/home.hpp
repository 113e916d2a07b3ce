#pragma once
// Where sonic keeps its state: one home folder holding the database, models, runs and reports.
#include <filesystem>
#include <optional>
#include <string>

namespace sonic {

struct Home {
  std::filesystem::path dir;       // --home, $SONIC_HOME, $XDG_DATA_HOME/sonic, ~/.local/share/sonic
  std::filesystem::path database;  // --db, else <home>/sonic.db

  std::filesystem::path models() const { return dir / "models"; }
  std::filesystem::path runs() const { return dir / "mlruns"; }
  std::filesystem::path reports() const { return dir / "reports"; }
  std::filesystem::path credentials() const { return dir / "credentials.json"; }
  // Held by every run that writes the store (see core/run_lock.hpp).
  std::filesystem::path lock_file() const { return dir / "sonic.lock"; }
};

// The default home from the environment alone (no flags). Throws UsageError when neither
// XDG_DATA_HOME nor HOME is set, as can happen under a bare cron.
std::filesystem::path default_home_dir();

// Flags win over the environment, which wins over the defaults.
Home resolve_home(const std::string& home_flag, const std::string& db_flag);

// Creates the home (mode 0700: it holds credentials) if it does not exist yet.
void ensure_home_exists(const Home& home);

}  // namespace sonic
