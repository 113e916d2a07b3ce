#include "sonic/sources/spotify/login_status.hpp"

#include "sonic/core/logging.hpp"
#include "sonic/core/utc_time.hpp"

namespace sonic::sources::spotify {
namespace {

std::string date_of(std::int64_t ms) { return format_iso8601_utc(ms).substr(0, 10); }

nlohmann::json time_or_null(const std::optional<std::int64_t>& ms) {
  return ms ? nlohmann::json(format_iso8601_utc(*ms)) : nlohmann::json(nullptr);
}

std::string source_text(const LoginStatus& status) {
  if (!status.credentials) return "none";
  if (status.credentials->origin == CredentialsOrigin::environment) {
    return "SPOTIFY_REFRESH_TOKEN (environment)";
  }
  return "stored in " + status.credentials_file.string();
}

std::string expiry_text(const LoginStatus& status) {
  const auto expires = status.expires_ms();
  if (!expires) return "unknown (a token from the environment carries no login date)";
  const std::int64_t days = *status.days_left();
  if (status.expired()) return date_of(*expires) + ", already passed: run `sonic auth spotify`";
  return date_of(*expires) + ", in " + std::to_string(days) + (days == 1 ? " day" : " days");
}

std::string check_text(const LoginCheck& check) {
  if (!check.ok) return "failed: " + check.message;
  return check.refresh_token_replaced ? "ok: Spotify issued an access token and a new refresh token (stored)"
                                      : "ok: Spotify issued an access token";
}

}  // namespace

std::optional<std::int64_t> LoginStatus::expires_ms() const {
  return credentials ? login_expiry_ms(*credentials) : std::nullopt;
}

std::optional<std::int64_t> LoginStatus::days_left() const {
  const auto expires = expires_ms();
  if (!expires) return std::nullopt;
  return floor_div(*expires - now_ms, kMsPerDay);
}

bool LoginStatus::expired() const {
  const auto expires = expires_ms();
  return expires && *expires <= now_ms;
}

bool LoginStatus::usable() const { return credentials && !expired() && (!check || check->ok); }

LoginStatus read_login_status(const Home& home, bool check, const SpotifyConnectionSettings& settings,
                              net::Clock& clock) {
  LoginStatus status;
  status.credentials_file = home.credentials();
  status.credentials = CredentialsStore(home.credentials(), settings.environment).load();
  status.now_ms = clock.now_utc_ms();
  if (!check || !status.credentials) return status;
  LoginCheck result;
  try {
    SpotifyConnection session(home, settings, clock);
    session.renew_access_token();
    result.ok = true;
    result.refresh_token_replaced = session.credentials().refresh_token != status.credentials->refresh_token;
    status.credentials = session.credentials();
  } catch (const Error& error) {
    result.failure = error.code();
    result.message = redact_secrets(error.what());
  }
  status.check = result;
  return status;
}

nlohmann::json to_json(const LoginStatus& status) {
  const auto& credentials = status.credentials;
  nlohmann::json json = {
      {"service", "spotify"},
      {"logged_in", credentials.has_value()},
      {"usable", status.usable()},
      {"source", credentials ? nlohmann::json(to_string(credentials->origin)) : nlohmann::json(nullptr)},
      {"credentials_file", status.credentials_file.string()},
      {"client_id", credentials ? nlohmann::json(credentials->client_id) : nlohmann::json(nullptr)},
      {"scope",
       credentials && !credentials->scope.empty() ? nlohmann::json(credentials->scope) : nlohmann::json(nullptr)},
      {"authorized_at", time_or_null(credentials ? credentials->authorized_ms : std::nullopt)},
      {"updated_at", time_or_null(credentials ? credentials->updated_ms : std::nullopt)},
      {"expires_at", time_or_null(status.expires_ms())},
      {"days_left", status.days_left() ? nlohmann::json(*status.days_left()) : nlohmann::json(nullptr)},
      {"check", nullptr},
  };
  if (status.check) {
    const LoginCheck& check = *status.check;
    json["check"] = {{"ok", check.ok}, {"refresh_token_replaced", check.refresh_token_replaced}};
    if (!check.ok) {
      json["check"]["error"] = check.message;
      json["check"]["exit_code"] = static_cast<int>(check.failure);
      json["check"]["reason"] = exit_code_name(check.failure);
    }
  }
  return json;
}

std::string to_text(const LoginStatus& status) {
  std::string text = "Spotify login: " + source_text(status) + "\n";
  if (!status.credentials) return text + "  Run `sonic auth spotify` to log in.\n";
  const SpotifyCredentials& credentials = *status.credentials;
  text += "  client ID   " + credentials.client_id + "\n";
  if (!credentials.scope.empty()) text += "  scope       " + credentials.scope + "\n";
  if (credentials.authorized_ms) {
    text += "  authorized  " + date_of(*credentials.authorized_ms) + "\n";
  }
  text += "  expires     " + expiry_text(status) + "\n";
  if (status.check) text += "  check       " + check_text(*status.check) + "\n";
  return text;
}

std::optional<Error> login_status_error(const LoginStatus& status) {
  if (status.usable()) return std::nullopt;
  if (status.check && !status.check->ok) return Error(status.check->failure, status.check->message);
  if (status.expired()) {
    return Error(ExitCode::login_needed,
                 "the Spotify login expired on " + date_of(*status.expires_ms()) + ": run `sonic auth spotify`");
  }
  return Error(ExitCode::login_needed, "not logged in to Spotify: run `sonic auth spotify`");
}

std::string describe_new_login(const SpotifyCredentials& credentials, const std::filesystem::path& file) {
  std::string text = "Logged in to Spotify; the login is stored in " + file.string() + ".\n";
  if (const auto expires = login_expiry_ms(credentials)) {
    text += "Spotify ends it on " + date_of(*expires) +
            " (six months from now): run `sonic auth spotify` again before then.\n";
  }
  return text;
}

}  // namespace sonic::sources::spotify
