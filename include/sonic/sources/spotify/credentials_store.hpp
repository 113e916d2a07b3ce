#pragma once
// The Spotify login sonic keeps between runs: a small JSON file in the home
// (Home::credentials(), mode 0600, replaced atomically), or SPOTIFY_REFRESH_TOKEN from the
// environment (a CI secret), which takes precedence. Its content is never logged.
//
//   {"format": "sonic-spotify-credentials", "version": 1, "client_id": "...",
//    "refresh_token": "...", "scope": "user-read-recently-played",
//    "authorized_ms": 1777636800000, "updated_ms": 1777640400000}
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "sonic/sources/spotify/spotify_environment.hpp"

namespace sonic::sources::spotify {

enum class CredentialsOrigin { file, environment };
const char* to_string(CredentialsOrigin origin);  // "file", "environment"

struct SpotifyCredentials {
  std::string client_id;
  std::string refresh_token;
  std::string scope;                          // as granted; empty when unknown
  std::optional<std::int64_t> authorized_ms;  // when the person logged in; unknown for an env token
  std::optional<std::int64_t> updated_ms;     // when the file was last written
  CredentialsOrigin origin = CredentialsOrigin::file;
  // Set on a token Spotify issued in place of SPOTIFY_REFRESH_TOKEN: the SHA-256 (hex) of the
  // environment token it replaces. While the environment still holds that (now spent) token,
  // the file's newer one is used instead.
  std::string replaces_environment_token;
};

// A Spotify refresh token stops working six months after the person authorized the app, and
// refreshing does not extend that. Unknown when the authorization time is.
inline constexpr int kLoginLifetimeMonths = 6;
std::optional<std::int64_t> login_expiry_ms(const SpotifyCredentials& credentials);

// The same wall-clock time (UTC) `months` calendar months later; a day the target month lacks
// becomes its last day (31 August + 6 months = 28 or 29 February).
std::int64_t add_calendar_months(std::int64_t utc_ms, int months);

class CredentialsStore {
 public:
  CredentialsStore(std::filesystem::path file, SpotifyEnvironment environment);

  const std::filesystem::path& file() const { return file_; }

  // SPOTIFY_REFRESH_TOKEN when set (with SPOTIFY_CLIENT_ID, else a UsageError), unless the file
  // holds the token Spotify issued in its place; otherwise the file; nullopt when there is
  // neither. A file that is not valid credentials is an InputError naming it (never quoting
  // it).
  std::optional<SpotifyCredentials> load() const;

  // Writes `credentials` to the file (mode 0600, atomically) and marks them as coming from it,
  // with updated_ms = now_ms. Credentials that came from the environment are recorded as
  // replacing the environment's token.
  void save(SpotifyCredentials& credentials, std::int64_t now_ms) const;

 private:
  std::optional<SpotifyCredentials> read_file() const;

  std::filesystem::path file_;
  SpotifyEnvironment environment_;
};

}  // namespace sonic::sources::spotify
