#pragma once
// What the environment (or a `.env` file) says about the person's Spotify app and login.
#include <string>

namespace sonic::sources::spotify {

struct SpotifyEnvironment {
  std::string client_id;      // SPOTIFY_CLIENT_ID: the app's Client ID from the dashboard
  std::string client_secret;  // SPOTIFY_CLIENT_SECRET: empty for PKCE (the usual case)
  std::string refresh_token;  // SPOTIFY_REFRESH_TOKEN: a CI secret used instead of the file

  // Reads the three variables and registers the two secrets with the log redactor.
  static SpotifyEnvironment from_process();
};

// The app a token request speaks for. With a secret, the confidential flow (HTTP Basic
// authentication); without, PKCE, where the client ID alone names the app.
struct SpotifyApp {
  std::string client_id;
  std::string client_secret;

  bool confidential() const { return !client_secret.empty(); }
};

}  // namespace sonic::sources::spotify
