#include "sonic/sources/spotify/login_flow.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "sonic/core/error.hpp"
#include "sonic/net/http_errors.hpp"
#include "sonic/sources/spotify/callback_listener.hpp"
#include "sonic/sources/spotify/pkce.hpp"

namespace sonic::sources::spotify {
namespace {

using std::chrono::milliseconds;
using Steady = std::chrono::steady_clock;

constexpr std::size_t kStateLength = 32;
constexpr milliseconds kInputSlice{200};

std::string loopback_redirect_uri(int port) { return "http://127.0.0.1:" + std::to_string(port) + "/callback"; }

// "5 min" rather than "5 min 0 s" for the usual whole-minute waits.
std::string describe_wait(milliseconds wait) {
  if (wait.count() % 60'000 == 0) return std::to_string(wait.count() / 60'000) + " min";
  return net::describe_duration(wait);
}

std::string instructions(const std::string& url, const std::string& redirect_uri, bool listening, bool browser_opened,
                         milliseconds timeout) {
  std::string text = browser_opened ? "Your browser should open Spotify's login page. If it does not, "
                                      "open this address:\n\n  "
                                    : "Open this address in a browser and allow sonic to read your "
                                      "recently played tracks:\n\n  ";
  text += url + "\n\n";
  const std::string wait = describe_wait(timeout);
  if (listening) {
    text += "Waiting up to " + wait + " for Spotify to send the browser back to " + redirect_uri;
    text +=
        ".\nIf the browser runs on another machine, that address will not load there: "
        "paste it here instead.\n";
  } else {
    text += "After you allow access, the browser goes to an address starting with ";
    text += redirect_uri + " that does not load. Copy that whole address from the address ";
    text += "bar and paste it here (within " + wait + "):\n";
  }
  return text;
}

// Waits for this login's redirect from the listener, from pasted input, or both.
class RedirectWait {
 public:
  RedirectWait(CallbackListener* listener, LoginConsole& console, std::string redirect_uri, std::string state,
               milliseconds timeout)
      : listener_(listener),
        console_(console),
        redirect_uri_(std::move(redirect_uri)),
        state_(std::move(state)),
        timeout_(timeout),
        deadline_(Steady::now() + timeout) {}

  AuthorizationRedirect next() {
    while (true) {
      const auto left = std::chrono::duration_cast<milliseconds>(deadline_ - Steady::now());
      if (left <= milliseconds(0)) {
        throw Error(ExitCode::login_needed, "the Spotify login was not completed within " + describe_wait(timeout_) +
                                                "; nothing was stored: run `sonic auth spotify` again");
      }
      const bool reading = !console_.input_closed();
      if (listener_) {
        if (auto redirect = listener_->wait(reading ? milliseconds(0) : left)) return *redirect;
      } else if (!reading) {
        throw Error(ExitCode::login_needed,
                    "the input ended before the redirected address was pasted; nothing was "
                    "stored: run `sonic auth spotify` again");
      }
      if (reading) {
        if (auto line = console_.read_line(std::min(left, kInputSlice))) {
          if (auto redirect = pasted(*line)) return *redirect;
        }
      }
    }
  }

 private:
  std::optional<AuthorizationRedirect> pasted(const std::string& line) {
    if (line.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
    auto redirect = parse_authorization_redirect(line);
    if (!redirect) {
      console_.say("That is not the address Spotify sent the browser to. It starts with " + redirect_uri_ +
                   "?code= ; paste the whole address from the address bar.\n");
      return std::nullopt;
    }
    if (!redirect->belongs_to(state_)) {
      console_.say(
          "That address belongs to another login attempt (its state does not match); "
          "paste the one from the address printed above.\n");
      return std::nullopt;
    }
    return redirect;
  }

  CallbackListener* listener_;
  LoginConsole& console_;
  std::string redirect_uri_;
  std::string state_;
  milliseconds timeout_;
  Steady::time_point deadline_;
};

[[noreturn]] void throw_refused(const AuthorizationRedirect& redirect) {
  if (redirect.error == "access_denied") {
    throw Error(ExitCode::login_needed,
                "the Spotify login was declined in the browser (access_denied); nothing was stored");
  }
  throw Error(ExitCode::login_needed, "Spotify ended the login with the error '" + redirect.error +
                                          "'; nothing was stored: run `sonic auth spotify` again");
}

void warn_if_scope_missing(const std::string& granted) {
  if (!granted.empty() && granted.find(kRecentlyPlayedScope) == std::string::npos) {
    spdlog::warn(
        "Spotify granted the scope '{}' without {}: reading recently played tracks will "
        "fail",
        granted, kRecentlyPlayedScope);
  }
}

}  // namespace

SpotifyCredentials log_in(AccountsClient& accounts, const CredentialsStore& store, LoginConsole& console,
                          const LoginOptions& options, net::Clock& clock) {
  const PkcePair pkce = new_pkce_pair();
  const std::string state = random_url_safe_text(kStateLength);
  std::optional<CallbackListener> listener;
  if (options.listen) listener.emplace(options.port, state);
  const std::string redirect_uri =
      listener ? listener->redirect_uri() : loopback_redirect_uri(options.port != 0 ? options.port : kDefaultPastePort);

  const std::string url = accounts.authorize_url({redirect_uri, state, pkce.challenge});
  const bool opened = options.listen && console.open_browser(url);
  console.say(instructions(url, redirect_uri, options.listen, opened, options.timeout));

  RedirectWait wait(listener ? &*listener : nullptr, console, redirect_uri, state, options.timeout);
  const AuthorizationRedirect redirect = wait.next();
  listener.reset();  // the browser has its page; nothing more to listen for
  if (!redirect.error.empty()) throw_refused(redirect);

  const TokenGrant grant = accounts.exchange_code(redirect.code, redirect_uri, pkce.verifier);
  warn_if_scope_missing(grant.scope);
  SpotifyCredentials credentials;
  credentials.client_id = accounts.app().client_id;
  credentials.refresh_token = grant.refresh_token;
  credentials.scope = grant.scope;
  credentials.authorized_ms = clock.now_utc_ms();
  store.save(credentials, clock.now_utc_ms());
  return credentials;
}

SpotifyCredentials log_in(const Home& home, LoginConsole& console, const LoginOptions& options,
                          const SpotifyConnectionSettings& settings) {
  const SpotifyEnvironment& environment = settings.environment;
  if (environment.client_id.empty()) {
    throw UsageError(
        "set SPOTIFY_CLIENT_ID to the Client ID of your Spotify app: create one at "
        "https://developer.spotify.com/dashboard with the redirect URI http://127.0.0.1/callback "
        "(no port), then put SPOTIFY_CLIENT_ID=... in the environment or in " +
        (home.dir / ".env").string());
  }
  ensure_home_exists(home);
  net::HttpClient http(settings.http);
  AccountsClient accounts(settings.endpoints.spotify_accounts,
                          SpotifyApp{environment.client_id, environment.client_secret}, http);
  const CredentialsStore store(home.credentials(), environment);
  auto credentials = log_in(accounts, store, console, options);
  if (!environment.refresh_token.empty()) {
    spdlog::warn(
        "SPOTIFY_REFRESH_TOKEN is set and takes precedence over this login: unset it to "
        "use the login just stored in {}",
        store.file().string());
  }
  return credentials;
}

}  // namespace sonic::sources::spotify
