#include "sonic/core/time_zone.hpp"

#include <time.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>

#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"

namespace sonic {
namespace {

// The C library keeps one zone per process, chosen by $TZ. Conversions switch it under a lock
// and remember which zone is applied, so the common case (one zone per run) costs nothing.
std::mutex& tz_mutex() {
  static std::mutex mutex;
  return mutex;
}

struct AppliedZone {
  bool known = false;
  std::string value;
};

AppliedZone& applied_zone() {
  static AppliedZone zone;
  return zone;
}

// The $TZ the process started with, so the system zone can be restored after a named one.
const std::optional<std::string>& original_tz() {
  static const std::optional<std::string> value = [] {
    const char* tz = std::getenv("TZ");
    return tz ? std::optional<std::string>(tz) : std::nullopt;
  }();
  return value;
}

void apply(const std::string& tz_value) {
  AppliedZone& applied = applied_zone();
  if (applied.known && applied.value == tz_value) return;
  if (tz_value.empty()) {
    if (original_tz()) {
      setenv("TZ", original_tz()->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
  } else {
    setenv("TZ", tz_value.c_str(), 1);
  }
  tzset();
  applied.known = true;
  applied.value = tz_value;
}

std::filesystem::path zoneinfo_dir() {
  if (const char* dir = std::getenv("TZDIR"); dir && *dir) return dir;
  return "/usr/share/zoneinfo";
}

std::string system_zone_name() {
  if (original_tz() && !original_tz()->empty()) {
    const std::string& tz = *original_tz();
    return tz[0] == ':' ? tz.substr(1) : tz;
  }
  std::error_code ec;
  const auto target = std::filesystem::read_symlink("/etc/localtime", ec);
  if (!ec) {
    const std::string text = target.string();
    if (const auto at = text.find("zoneinfo/"); at != std::string::npos) return text.substr(at + 9);
  }
  return "UTC";
}

}  // namespace

TimeZone TimeZone::named(const std::string& iana_name) {
  const bool plausible = !iana_name.empty() && iana_name.find("..") == std::string::npos && iana_name[0] != '/';
  std::error_code ec;
  if (!plausible || !std::filesystem::is_regular_file(zoneinfo_dir() / iana_name, ec)) {
    throw UsageError("unknown time zone '" + iana_name +
                     "': use an IANA name such as Europe/Berlin or America/New_York");
  }
  return TimeZone(iana_name, ":" + iana_name);
}

TimeZone TimeZone::system() {
  original_tz();  // capture $TZ before any zone is applied
  return TimeZone(system_zone_name(), "");
}

TimeZone TimeZone::from_setting(const std::string& setting) { return setting.empty() ? system() : named(setting); }

LocalTime TimeZone::local(std::int64_t utc_ms) const {
  std::int64_t seconds = utc_ms / kMsPerSecond;
  if (utc_ms % kMsPerSecond < 0) --seconds;
  const time_t instant = static_cast<time_t>(seconds);
  tm parts{};
  {
    std::lock_guard lock(tz_mutex());
    apply(tz_value_);
    localtime_r(&instant, &parts);
  }
  LocalTime local;
  local.year = parts.tm_year + 1900;
  local.month = parts.tm_mon + 1;
  local.day = parts.tm_mday;
  local.hour = parts.tm_hour;
  local.minute = parts.tm_min;
  local.second = parts.tm_sec;
  local.weekday = (parts.tm_wday + 6) % 7;
  local.utc_offset_seconds = static_cast<int>(parts.tm_gmtoff);
  local.local_day = days_from_civil(local.year, local.month, local.day);
  return local;
}

std::int64_t TimeZone::utc_ms(int year, int month, int day, int hour, int minute) const {
  tm parts{};
  parts.tm_year = year - 1900;
  parts.tm_mon = month - 1;
  parts.tm_mday = day;
  parts.tm_hour = hour;
  parts.tm_min = minute;
  parts.tm_isdst = -1;
  time_t instant;
  {
    std::lock_guard lock(tz_mutex());
    apply(tz_value_);
    instant = mktime(&parts);
  }
  return static_cast<std::int64_t>(instant) * kMsPerSecond;
}

}  // namespace sonic
