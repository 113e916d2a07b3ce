#include "sonic/sources/spotify/spotify_connection.hpp"

namespace sonic::sources::spotify {
namespace {

SpotifyCredentials load_or_throw(const CredentialsStore& store) {
  auto credentials = store.load();
  if (!credentials) throw not_logged_in_error(store);
  return std::move(*credentials);
}

}  // namespace

net::HttpSettings spotify_http_settings() {
  net::HttpSettings settings;
  settings.min_interval = std::chrono::milliseconds(100);
  settings.retry.max_wait = std::chrono::minutes(2);
  return settings;
}

Error not_logged_in_error(const CredentialsStore& store) {
  return Error(ExitCode::login_needed, "not logged in to Spotify (no " + store.file().string() +
                                           " and no SPOTIFY_REFRESH_TOKEN): run `sonic auth spotify`");
}

SpotifyConnection::SpotifyConnection(const Home& home, SpotifyConnectionSettings settings, net::Clock& clock)
    : SpotifyConnection(CredentialsStore(home.credentials(), settings.environment), settings, clock) {}

SpotifyConnection::SpotifyConnection(const CredentialsStore& store, const SpotifyConnectionSettings& settings,
                                     net::Clock& clock)
    : SpotifyConnection(store, load_or_throw(store), settings, clock) {}

SpotifyConnection::SpotifyConnection(const CredentialsStore& store, SpotifyCredentials credentials,
                                     const SpotifyConnectionSettings& settings, net::Clock& clock)
    : store_(store),
      http_(settings.http, clock),
      accounts_(settings.endpoints.spotify_accounts,
                SpotifyApp{credentials.client_id, settings.environment.client_secret}, http_, clock),
      tokens_(accounts_, store_, std::move(credentials), clock),
      web_api_(settings.endpoints.spotify_api, tokens_, http_) {}

void SpotifyConnection::require_scope(const std::string& scope) const {
  const std::string& granted = credentials().scope;
  if (granted.empty()) return;
  // Scopes are space-separated words; match whole words ("playlist-modify-private" is not
  // granted by "playlist-modify-private-x").
  const std::string padded = " " + granted + " ";
  if (padded.find(" " + scope + " ") != std::string::npos) return;
  throw Error(ExitCode::login_needed, "the Spotify login was granted '" + granted + "' without " + scope +
                                          ": run `sonic auth spotify` to log in again and allow it");
}

}  // namespace sonic::sources::spotify
