#pragma once
// The base URL of every service sonic talks to. Each is a setting, so the binary can be pointed
// at a loopback stub (tests) or a mirror; the defaults are the real services.
#include <string>

namespace sonic {

struct ServiceEndpoints {
  std::string spotify_accounts = "https://accounts.spotify.com";  // SPOTIFY_ACCOUNTS_URL
  std::string spotify_api = "https://api.spotify.com";            // SPOTIFY_API_URL
  std::string reccobeats = "https://api.reccobeats.com";          // RECCOBEATS_URL
  std::string lastfm = "https://ws.audioscrobbler.com";           // LASTFM_URL

  // Defaults overridden by the environment variables named above (trailing '/' removed).
  static ServiceEndpoints from_environment();
};

}  // namespace sonic
