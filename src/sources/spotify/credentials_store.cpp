#include "sonic/sources/spotify/credentials_store.hpp"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sonic/core/atomic_file.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/logging.hpp"
#include "sonic/core/sha256.hpp"
#include "sonic/core/utc_time.hpp"

namespace sonic::sources::spotify {
namespace {

constexpr const char* kFormat = "sonic-spotify-credentials";
constexpr int kVersion = 1;
constexpr unsigned kOwnerOnly = 0600;

std::string fingerprint(const std::string& token) { return to_hex(sha256(token)); }

// Reads one file's fields; every complaint names the file and says what to do, and none
// quotes the content (it holds a token).
class CredentialsReader {
 public:
  CredentialsReader(const std::filesystem::path& file, const nlohmann::json& json) : file_(file), json_(json) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(file_.string() + ": not a valid Spotify credentials file (" + what +
                     "); run `sonic auth spotify` to log in again and rewrite it");
  }

  std::string text(const char* name, bool required) const {
    const auto found = json_.find(name);
    if (found == json_.end() || found->is_null()) {
      if (required) fail(std::string("'") + name + "' is missing");
      return "";
    }
    if (!found->is_string()) fail(std::string("'") + name + "' is not a string");
    if (required && found->get_ref<const std::string&>().empty()) {
      fail(std::string("'") + name + "' is empty");
    }
    return found->get<std::string>();
  }

  std::optional<std::int64_t> milliseconds(const char* name) const {
    const auto found = json_.find(name);
    if (found == json_.end() || found->is_null()) return std::nullopt;
    if (!found->is_number_integer()) fail(std::string("'") + name + "' is not a whole number");
    return found->get<std::int64_t>();
  }

  SpotifyCredentials read() const {
    if (!json_.is_object()) fail("not a JSON object");
    if (text("format", true) != kFormat) fail(std::string("'format' is not ") + kFormat);
    const auto version = json_.find("version");
    if (version == json_.end() || !version->is_number_integer()) {
      fail("'version' is missing or not a whole number");
    }
    if (version->get<std::int64_t>() > kVersion) {
      fail("version " + std::to_string(version->get<std::int64_t>()) +
           " was written by a newer sonic; this one reads version " + std::to_string(kVersion));
    }
    SpotifyCredentials credentials;
    credentials.client_id = text("client_id", true);
    credentials.refresh_token = text("refresh_token", true);
    credentials.scope = text("scope", false);
    credentials.authorized_ms = milliseconds("authorized_ms");
    credentials.updated_ms = milliseconds("updated_ms");
    credentials.replaces_environment_token = text("replaces_environment_token", false);
    credentials.origin = CredentialsOrigin::file;
    return credentials;
  }

 private:
  const std::filesystem::path& file_;
  const nlohmann::json& json_;
};

void warn_if_others_can_read(const std::filesystem::path& file) {
  struct stat status {};
  if (::stat(file.c_str(), &status) == 0 && (status.st_mode & 077) != 0) {
    spdlog::warn(
        "{} can be read by other users of this machine; it holds your Spotify login: "
        "chmod 600 it",
        file.string());
  }
}

}  // namespace

const char* to_string(CredentialsOrigin origin) {
  return origin == CredentialsOrigin::environment ? "environment" : "file";
}

std::int64_t add_calendar_months(std::int64_t utc_ms, int months) {
  const std::int64_t days = floor_div(utc_ms, kMsPerDay);
  const std::int64_t time_of_day = utc_ms - days * kMsPerDay;
  const CivilDate date = civil_from_days(days);
  const int month_index = date.year * 12 + (date.month - 1) + months;
  const int year = month_index / 12;
  const int month = month_index % 12 + 1;
  const std::int64_t first = days_from_civil(year, month, 1);
  const std::int64_t month_length =
      days_from_civil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) - first;
  const std::int64_t day = std::min<std::int64_t>(date.day, month_length);
  return (first + day - 1) * kMsPerDay + time_of_day;
}

std::optional<std::int64_t> login_expiry_ms(const SpotifyCredentials& credentials) {
  if (!credentials.authorized_ms) return std::nullopt;
  return add_calendar_months(*credentials.authorized_ms, kLoginLifetimeMonths);
}

CredentialsStore::CredentialsStore(std::filesystem::path file, SpotifyEnvironment environment)
    : file_(std::move(file)), environment_(std::move(environment)) {}

std::optional<SpotifyCredentials> CredentialsStore::read_file() const {
  std::ifstream in(file_, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (!std::filesystem::exists(file_, ec)) return std::nullopt;
    throw InputError(file_.string() + ": cannot read the Spotify credentials file");
  }
  std::ostringstream text;
  text << in.rdbuf();
  // Without exceptions: a parse error's message quotes the text it stopped at.
  const auto json = nlohmann::json::parse(text.str(), nullptr, false);
  const CredentialsReader reader(file_, json);
  if (json.is_discarded()) reader.fail("not valid JSON");
  SpotifyCredentials credentials = reader.read();
  register_secret(credentials.refresh_token);
  warn_if_others_can_read(file_);
  return credentials;
}

std::optional<SpotifyCredentials> CredentialsStore::load() const {
  auto from_file = read_file();
  if (environment_.refresh_token.empty()) return from_file;
  if (from_file && from_file->replaces_environment_token == fingerprint(environment_.refresh_token)) {
    spdlog::debug("using the refresh token Spotify issued in place of SPOTIFY_REFRESH_TOKEN ({})", file_.string());
    return from_file;
  }
  if (environment_.client_id.empty()) {
    throw UsageError(
        "SPOTIFY_REFRESH_TOKEN is set but SPOTIFY_CLIENT_ID is not: set it to the Client ID of "
        "the Spotify app that issued the token");
  }
  SpotifyCredentials credentials;
  credentials.client_id = environment_.client_id;
  credentials.refresh_token = environment_.refresh_token;
  credentials.origin = CredentialsOrigin::environment;
  return credentials;
}

void CredentialsStore::save(SpotifyCredentials& credentials, std::int64_t now_ms) const {
  if (credentials.origin == CredentialsOrigin::environment) {
    credentials.replaces_environment_token = fingerprint(environment_.refresh_token);
  }
  credentials.origin = CredentialsOrigin::file;
  credentials.updated_ms = now_ms;
  nlohmann::json json = {{"format", kFormat},
                         {"version", kVersion},
                         {"client_id", credentials.client_id},
                         {"refresh_token", credentials.refresh_token},
                         {"scope", credentials.scope},
                         {"authorized_ms", nullptr},
                         {"updated_ms", now_ms}};
  if (credentials.authorized_ms) json["authorized_ms"] = *credentials.authorized_ms;
  if (!credentials.replaces_environment_token.empty()) {
    json["replaces_environment_token"] = credentials.replaces_environment_token;
  }
  if (const auto folder = file_.parent_path(); !folder.empty() && !std::filesystem::exists(folder)) {
    // A new home: only its owner may look inside (it will hold the login).
    std::filesystem::create_directories(folder);
    std::filesystem::permissions(folder, std::filesystem::perms::owner_all);
  }
  write_file_atomically(file_, json.dump(2) + "\n", kOwnerOnly);
}

}  // namespace sonic::sources::spotify
