#include "global_options.hpp"

#include <cstring>

#include "sonic/core/dotenv.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/logging.hpp"

namespace sonic::cli {

void add_global_options(CLI::App& app, GlobalOptions& options) {
  app.add_option("--home", options.home,
                 "Folder holding the database, models, runs and reports "
                 "(default $XDG_DATA_HOME/sonic or ~/.local/share/sonic)")
      ->envname("SONIC_HOME");
  app.add_option("--db", options.db, "Database file (default <home>/sonic.db)")->envname("SONIC_DB");
  app.add_option("--log-level", options.log_level, "trace, debug, info, warn, error, critical or off")
      ->envname("SONIC_LOG_LEVEL");
  app.add_flag("-q,--quiet", options.quiet, "Only warnings and errors on stderr");
  app.add_option("--tz", options.timezone,
                 "IANA time zone for local-time views, e.g. Europe/Berlin (default: the system's)")
      ->envname("SONIC_TZ");
  app.add_option("--session-gap", options.session_gap_minutes,
                 "Minutes of silence between plays that end a listening session")
      ->envname("SONIC_SESSION_GAP")
      ->check(CLI::Range(1, 24 * 60))
      ->capture_default_str();
}

void preload_environment(int argc, char** argv) {
  load_dotenv(".env");
  std::string home_flag;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--home") == 0 && i + 1 < argc) home_flag = argv[i + 1];
    if (std::strncmp(argv[i], "--home=", 7) == 0) home_flag = argv[i] + 7;
  }
  try {
    const auto dir = home_flag.empty() ? default_home_dir() : std::filesystem::path(home_flag);
    load_dotenv(dir / ".env");
  } catch (const UsageError&) {
    // No home can be found yet; the subcommand reports that if it needs one.
  }
}

void apply_log_level(const GlobalOptions& options) { configure_logging(options.quiet ? "warn" : options.log_level); }

Home start_command(const GlobalOptions& options) {
  apply_log_level(options);
  return resolve_home(options.home, options.db);
}

}  // namespace sonic::cli
