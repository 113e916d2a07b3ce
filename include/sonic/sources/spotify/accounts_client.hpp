#pragma once
// Spotify's accounts service (OAuth 2.0): the authorize page's URL, the exchange of an
// authorization code for tokens, and refreshing. PKCE unless the app has a client secret, in
// which case requests authenticate with HTTP Basic instead (the confidential flow).
//
// Failures a person must act on are told apart: `invalid_grant` on a refresh is
// Error(ExitCode::login_needed) with the command to run; `invalid_client` is a UsageError about
// SPOTIFY_CLIENT_ID. Transport faults and 429s are the HTTP layer's typed errors.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "sonic/net/clock.hpp"
#include "sonic/net/http_client.hpp"
#include "sonic/sources/spotify/spotify_environment.hpp"

namespace sonic::sources::spotify {

inline constexpr const char* kRecentlyPlayedScope = "user-read-recently-played";
inline constexpr const char* kPlaylistModifyScope = "playlist-modify-private";  // sonic playlist --spotify
// What `sonic auth spotify` asks for: reading plays, and creating private playlists.
inline constexpr const char* kLoginScope = "user-read-recently-played playlist-modify-private";

struct AuthorizeRequest {
  std::string redirect_uri;    // http://127.0.0.1:PORT/callback
  std::string state;           // random; the callback must bring it back
  std::string code_challenge;  // S256; PKCE only (ignored for a confidential app)
  std::string scope = kLoginScope;
};

struct TokenGrant {
  std::string access_token;
  std::int64_t expires_at_ms = 0;  // now + expires_in
  std::string scope;
  // The refresh token to keep: the new one when the reply carried one, else the one refreshed.
  std::string refresh_token;
  bool refresh_token_replaced = false;
};

// Reads a 2xx token reply: `access_token` (required), `expires_in` (seconds from `now_ms`, an hour
// when absent), `scope`, and `refresh_token` (required when `code_grant`: a code exchange must
// issue one; a refresh may keep the one sent, `refresh_token_sent`). A missing field is an
// InputError naming `where`, never a token. Pure (the caller registers the tokens as secrets):
// tested and fuzzed without a server.
TokenGrant read_token_reply(const nlohmann::json& json, const std::string& where, std::int64_t now_ms, bool code_grant,
                            const std::string& refresh_token_sent);

class AccountsClient {
 public:
  // `accounts_url` is the service's base, e.g. https://accounts.spotify.com.
  AccountsClient(std::string accounts_url, SpotifyApp app, net::HttpClient& http,
                 net::Clock& clock = net::system_clock());

  const SpotifyApp& app() const { return app_; }

  // GET <accounts>/authorize?client_id&response_type=code&redirect_uri&state&scope
  //     [&code_challenge_method=S256&code_challenge]
  std::string authorize_url(const AuthorizeRequest& request) const;

  // `redirect_uri` must be the one the authorize URL carried. `code_verifier` is unused by a
  // confidential app. An unknown, used or mismatched code is Error(login_needed).
  TokenGrant exchange_code(const std::string& code, const std::string& redirect_uri, const std::string& code_verifier);

  // A PKCE refresh token may be good for one refresh only: the caller must store
  // grant.refresh_token at once when refresh_token_replaced is set.
  TokenGrant refresh(const std::string& refresh_token);

 private:
  enum class Grant { authorization_code, refresh_token };
  net::HttpRequest token_request() const;
  TokenGrant request_tokens(const net::HttpRequest& request, Grant grant, const std::string& refresh_token_sent);

  std::string accounts_url_;
  SpotifyApp app_;
  net::HttpClient* http_;
  net::Clock* clock_;
};

}  // namespace sonic::sources::spotify
