#pragma once
// `sonic auth spotify`: the Authorization Code flow with PKCE, from the authorize URL to the
// stored credentials.
//
// The person opens the printed URL (sonic opens a browser itself where one is available) and
// allows access; Spotify sends the browser to http://127.0.0.1:PORT/callback, where the
// loopback listener picks up the code. On a headless machine (--no-browser) nothing listens:
// the person opens the URL on another machine, where the redirect fails to load, and pastes
// its address into sonic's standard input. While listening, a pasted address is accepted too.
#include <chrono>
#include <optional>
#include <string>

#include "sonic/core/home.hpp"
#include "sonic/net/clock.hpp"
#include "sonic/sources/spotify/accounts_client.hpp"
#include "sonic/sources/spotify/credentials_store.hpp"
#include "sonic/sources/spotify/spotify_connection.hpp"

namespace sonic::sources::spotify {

// How the login talks to the person (a terminal in sonic, a script in tests).
class LoginConsole {
 public:
  virtual ~LoginConsole() = default;
  // Instructions for the person (never data: sonic writes them to stderr).
  virtual void say(const std::string& text) = 0;
  // Opens `url` in a browser; false where there is none to open.
  virtual bool open_browser(const std::string& url) = 0;
  // A line the person typed or pasted, waiting at most `timeout`; nullopt when none came.
  virtual std::optional<std::string> read_line(std::chrono::milliseconds timeout) = 0;
  // True once the input has ended (no more lines will come).
  virtual bool input_closed() const = 0;
};

// Without --port, where the redirect of a --no-browser login points. Any port works for a
// loopback redirect URI registered without one; this one is what Spotify's own examples use.
inline constexpr int kDefaultPastePort = 8888;

struct LoginOptions {
  int port = 0;        // 0: any free port (listening) or kDefaultPastePort (pasting)
  bool listen = true;  // false: --no-browser, the redirect is pasted
  std::chrono::milliseconds timeout = std::chrono::minutes(5);
};

// The flow itself. On success the credentials are stored (authorized now) and returned.
// Declined, timed out or abandoned logins are Error(login_needed) and store nothing.
SpotifyCredentials log_in(AccountsClient& accounts, const CredentialsStore& store, LoginConsole& console,
                          const LoginOptions& options, net::Clock& clock = net::system_clock());

// `sonic auth spotify`: the app from SPOTIFY_CLIENT_ID (a UsageError saying how to get one when
// it is missing) and SPOTIFY_CLIENT_SECRET, the store in the home.
SpotifyCredentials log_in(const Home& home, LoginConsole& console, const LoginOptions& options,
                          const SpotifyConnectionSettings& settings = {});

}  // namespace sonic::sources::spotify
