#pragma once
// A fake Spotify, a home holding a login for it, and the settings that point a session there.
#include <gtest/gtest.h>

#include "fakes/fake_clock.hpp"
#include "fakes/spotify_fake.hpp"
#include "sonic/sources/spotify/spotify_connection.hpp"
#include "support/temp_dir.hpp"

namespace sonic::sources::spotify {

class SpotifyConnectionFixture : public ::testing::Test {
 protected:
  static constexpr std::int64_t kAuthorizedMs = testing::FakeClock::kDefaultStartMs - 30 * 86'400'000LL;

  testing::SpotifyFake spotify;  // first: outlives every client's connection
  testing::TempDir dir;
  Home home{dir.path(), dir / "sonic.db"};
  testing::FakeClock clock;
  std::string first_refresh_token = log_in_earlier();

  // What `sonic auth spotify` left behind a month ago.
  std::string log_in_earlier() {
    SpotifyCredentials credentials;
    credentials.client_id = testing::SpotifyFake::kClientId;
    credentials.refresh_token = spotify.issue_refresh_token();
    credentials.scope = kRecentlyPlayedScope;
    credentials.authorized_ms = kAuthorizedMs;
    CredentialsStore(home.credentials(), SpotifyEnvironment{}).save(credentials, kAuthorizedMs);
    return credentials.refresh_token;
  }

  SpotifyConnectionSettings settings(SpotifyEnvironment environment = {testing::SpotifyFake::kClientId, "", ""}) const {
    SpotifyConnectionSettings result;
    result.endpoints.spotify_accounts = spotify.url();
    result.endpoints.spotify_api = spotify.url();
    result.environment = std::move(environment);
    result.http = spotify_http_settings();
    // Well under the fake's slow reply (3 s), well over a loopback reply on a busy machine.
    result.http.total_timeout = std::chrono::milliseconds(1500);
    return result;
  }

  std::string stored_refresh_token() const {
    return CredentialsStore(home.credentials(), SpotifyEnvironment{}).load().value().refresh_token;
  }

  std::size_t token_requests() const { return spotify.requests("POST", testing::kTokenPath).size(); }
};

}  // namespace sonic::sources::spotify
