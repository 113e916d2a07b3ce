#pragma once
// `sonic auth status`: is there a Spotify login, where does it come from, when does it end,
// and (with a check) does Spotify still accept it. Never shows a token.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sonic/core/error.hpp"
#include "sonic/core/home.hpp"
#include "sonic/sources/spotify/credentials_store.hpp"
#include "sonic/sources/spotify/spotify_connection.hpp"

namespace sonic::sources::spotify {

struct LoginCheck {
  bool ok = false;
  bool refresh_token_replaced = false;  // Spotify issued a new one (stored at once)
  ExitCode failure = ExitCode::ok;      // why not, when !ok
  std::string message;                  // the failure, secrets masked
};

struct LoginStatus {
  std::filesystem::path credentials_file;
  std::optional<SpotifyCredentials> credentials;  // nullopt: not logged in
  std::optional<LoginCheck> check;                // only when asked for
  std::int64_t now_ms = 0;

  std::optional<std::int64_t> expires_ms() const;
  std::optional<std::int64_t> days_left() const;  // negative once expired
  bool expired() const;
  // Logged in, not past the expiry date, and not refused by a check.
  bool usable() const;
};

// With `check`, refreshes the access token once (a rotated refresh token is stored like in any
// run). A malformed credentials file is an InputError, as everywhere.
LoginStatus read_login_status(const Home& home, bool check, const SpotifyConnectionSettings& settings = {},
                              net::Clock& clock = net::system_clock());

nlohmann::json to_json(const LoginStatus& status);
std::string to_text(const LoginStatus& status);

// What `sonic auth status` exits with when the login is not usable: the check's own failure,
// else Error(login_needed). nullopt when it is usable.
std::optional<Error> login_status_error(const LoginStatus& status);

// The line `sonic auth spotify` ends with.
std::string describe_new_login(const SpotifyCredentials& credentials, const std::filesystem::path& file);

}  // namespace sonic::sources::spotify
