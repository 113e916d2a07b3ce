#include "sonic/core/home.hpp"

#include <sys/stat.h>

#include <cstdlib>

#include "sonic/core/error.hpp"

namespace sonic {
namespace {

std::string env_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace

std::filesystem::path default_home_dir() {
  if (auto home = env_or_empty("SONIC_HOME"); !home.empty()) return home;
  if (auto xdg = env_or_empty("XDG_DATA_HOME"); !xdg.empty()) {
    return std::filesystem::path(xdg) / "sonic";
  }
  if (auto user_home = env_or_empty("HOME"); !user_home.empty()) {
    return std::filesystem::path(user_home) / ".local" / "share" / "sonic";
  }
  throw UsageError("cannot find a home for sonic: set --home, SONIC_HOME or HOME");
}

Home resolve_home(const std::string& home_flag, const std::string& db_flag) {
  Home home;
  home.dir = home_flag.empty() ? default_home_dir() : std::filesystem::path(home_flag);
  home.dir = std::filesystem::absolute(home.dir);
  std::string db = db_flag.empty() ? env_or_empty("SONIC_DB") : db_flag;
  home.database = db.empty() ? home.dir / "sonic.db" : std::filesystem::absolute(db);
  return home;
}

void ensure_home_exists(const Home& home) {
  std::error_code ec;
  if (std::filesystem::is_directory(home.dir, ec)) return;
  std::filesystem::create_directories(home.dir, ec);
  if (ec) {
    throw Error(ExitCode::unexpected, "cannot create the sonic home " + home.dir.string() + ": " + ec.message());
  }
  chmod(home.dir.c_str(), 0700);
}

}  // namespace sonic
