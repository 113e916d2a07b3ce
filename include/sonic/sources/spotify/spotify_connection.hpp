#pragma once
// Everything a run needs to talk to Spotify as the logged-in person, in one object:
//
//   sources::spotify::SpotifyConnection spotify(home);           // throws login_needed if no login
//   const auto page = spotify.recently_played(newest_api_play_ms);
//   const auto body = sources::string_source(page.body);
//   sources::ExportFileReader reader(*body, "recently-played");
//   const auto metadata = spotify.tracks(track_ids);          // nullopt: unknown to Spotify
//
// The access token is fetched on first use and renewed as needed; each refresh token Spotify
// issues in exchange is written to the credentials store at once.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sonic/core/home.hpp"
#include "sonic/core/service_endpoints.hpp"
#include "sonic/net/http_client.hpp"
#include "sonic/sources/spotify/access_tokens.hpp"
#include "sonic/sources/spotify/accounts_client.hpp"
#include "sonic/sources/spotify/credentials_store.hpp"
#include "sonic/sources/spotify/spotify_environment.hpp"
#include "sonic/sources/spotify/web_api_client.hpp"

namespace sonic::sources::spotify {

// Spotify's limits are a rolling 30-second window per app; 10 requests a second at most keeps
// a whole-history enrichment well inside it, and a Retry-After longer than two minutes ends
// the run with a RateLimitedError instead of keeping cron busy.
net::HttpSettings spotify_http_settings();

struct SpotifyConnectionSettings {
  ServiceEndpoints endpoints = ServiceEndpoints::from_environment();
  SpotifyEnvironment environment = SpotifyEnvironment::from_process();
  net::HttpSettings http = spotify_http_settings();
};

// Error(ExitCode::login_needed) telling the person to run `sonic auth spotify`.
Error not_logged_in_error(const CredentialsStore& store);

class SpotifyConnection {
 public:
  // Loads the login from `home.credentials()` or SPOTIFY_REFRESH_TOKEN; throws
  // Error(login_needed) when there is none. No request is made until the first call.
  explicit SpotifyConnection(const Home& home, SpotifyConnectionSettings settings = {},
                             net::Clock& clock = net::system_clock());
  SpotifyConnection(const SpotifyConnection&) = delete;
  SpotifyConnection& operator=(const SpotifyConnection&) = delete;

  RecentlyPlayedPage recently_played(std::optional<std::int64_t> after_ms) {
    return web_api_.recently_played(after_ms);
  }
  std::vector<std::optional<TrackMetadata>> tracks(std::span<const std::string> ids) { return web_api_.tracks(ids); }
  bool batch_tracks_forbidden() const { return web_api_.batch_tracks_forbidden(); }
  CreatedPlaylist create_playlist(const std::string& name, const std::string& description,
                                  std::span<const std::string> track_uris) {
    return web_api_.create_playlist(name, description, track_uris);
  }

  // Error(login_needed) naming the command to run when the stored login was granted scopes
  // without `scope` (an unknown grant, from SPOTIFY_REFRESH_TOKEN, passes: Spotify will say).
  void require_scope(const std::string& scope) const;

  // Refreshes now (a login check); the rotated refresh token, if any, is stored.
  void renew_access_token() { tokens_.renew(); }
  const SpotifyCredentials& credentials() const { return tokens_.credentials(); }
  const CredentialsStore& store() const { return store_; }

 private:
  SpotifyConnection(const CredentialsStore& store, const SpotifyConnectionSettings& settings, net::Clock& clock);
  SpotifyConnection(const CredentialsStore& store, SpotifyCredentials credentials,
                    const SpotifyConnectionSettings& settings, net::Clock& clock);

  CredentialsStore store_;
  net::HttpClient http_;
  AccountsClient accounts_;
  AccessTokens tokens_;
  WebApiClient web_api_;
};

}  // namespace sonic::sources::spotify
