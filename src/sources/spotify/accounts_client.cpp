#include "sonic/sources/spotify/accounts_client.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "sonic/core/error.hpp"
#include "sonic/core/logging.hpp"
#include "sonic/core/utc_time.hpp"

namespace sonic::sources::spotify {
namespace {

constexpr std::int64_t kDefaultTokenLifetimeSeconds = 3600;

std::string string_or_empty(const nlohmann::json& object, const char* name) {
  const auto found = object.find(name);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

// An OAuth error reply: {"error":"invalid_grant","error_description":"Refresh token revoked"}.
struct OAuthError {
  std::string code;
  std::string description;
};

OAuthError read_oauth_error(const std::string& masked_body) {
  const auto json = nlohmann::json::parse(masked_body, nullptr, false);
  if (!json.is_object()) return {};
  return {string_or_empty(json, "error"), string_or_empty(json, "error_description")};
}

[[noreturn]] void throw_token_error(const net::HttpRequest& request, int status, const std::string& body,
                                    bool refreshing, const SpotifyApp& app) {
  const std::string masked = request.mask(body);
  const OAuthError error = read_oauth_error(masked);
  const std::string said = error.code + (error.description.empty() ? "" : ": " + error.description);
  if (error.code == "invalid_grant") {
    spdlog::debug("{} answered HTTP {}: {}", request.describe(), status, said);
    if (refreshing) {
      throw Error(ExitCode::login_needed, "Spotify login expired or was revoked: run `sonic auth spotify`");
    }
    throw Error(ExitCode::login_needed,
                "Spotify did not accept the authorization code (" + said + "): run `sonic auth spotify` again");
  }
  if (error.code == "invalid_client") {
    throw UsageError("Spotify does not accept the app's credentials (" + said + ") for client ID '" + app.client_id +
                     "': set SPOTIFY_CLIENT_ID to the Client ID of your app at "
                     "https://developer.spotify.com/dashboard" +
                     (app.confidential() ? ", and SPOTIFY_CLIENT_SECRET to its secret or unset it "
                                           "for PKCE"
                                         : ""));
  }
  throw net::HttpStatusError(request.describe(), status, masked);
}

}  // namespace

TokenGrant read_token_reply(const nlohmann::json& json, const std::string& where, std::int64_t now_ms, bool code_grant,
                            const std::string& refresh_token_sent) {
  const auto fail = [&](const std::string& what) { throw InputError(where + " without " + what); };
  if (!json.is_object()) fail("a JSON object");
  TokenGrant grant_result;
  grant_result.access_token = string_or_empty(json, "access_token");
  if (grant_result.access_token.empty()) fail("an access_token");
  const auto expires_in = json.find("expires_in");
  const std::int64_t lifetime_s = expires_in != json.end() && expires_in->is_number_integer()
                                      ? expires_in->get<std::int64_t>()
                                      : kDefaultTokenLifetimeSeconds;
  grant_result.expires_at_ms = now_ms + lifetime_s * kMsPerSecond;
  grant_result.scope = string_or_empty(json, "scope");
  const std::string issued = string_or_empty(json, "refresh_token");
  if (code_grant && issued.empty()) fail("a refresh_token");
  grant_result.refresh_token = issued.empty() ? refresh_token_sent : issued;
  grant_result.refresh_token_replaced = !issued.empty() && issued != refresh_token_sent;
  return grant_result;
}

AccountsClient::AccountsClient(std::string accounts_url, SpotifyApp app, net::HttpClient& http, net::Clock& clock)
    : accounts_url_(std::move(accounts_url)), app_(std::move(app)), http_(&http), clock_(&clock) {}

std::string AccountsClient::authorize_url(const AuthorizeRequest& request) const {
  auto url = net::HttpRequest::get(accounts_url_ + "/authorize")
                 .query("client_id", app_.client_id)
                 .query("response_type", "code")
                 .query("redirect_uri", request.redirect_uri)
                 .query("state", request.state)
                 .query("scope", request.scope);
  // A confidential app proves itself with its secret at the exchange; sending a challenge
  // would oblige it to present a verifier too, which Spotify's documented confidential flow
  // does not.
  if (!app_.confidential()) {
    url.query("code_challenge_method", "S256").query("code_challenge", request.code_challenge);
  }
  return url.url();
}

net::HttpRequest AccountsClient::token_request() const {
  auto request = net::HttpRequest::post(accounts_url_ + "/api/token")
                     .header("Accept", "application/json")
                     .accept_status(400)
                     .accept_status(401);
  if (app_.confidential()) request.basic_auth(app_.client_id, app_.client_secret);
  return request;
}

TokenGrant AccountsClient::exchange_code(const std::string& code, const std::string& redirect_uri,
                                         const std::string& code_verifier) {
  auto request = token_request()
                     .form_field("grant_type", "authorization_code")
                     .secret_form_field("code", code)
                     .form_field("redirect_uri", redirect_uri);
  if (!app_.confidential()) {
    request.form_field("client_id", app_.client_id).secret_form_field("code_verifier", code_verifier);
  }
  return request_tokens(request, Grant::authorization_code, "");
}

TokenGrant AccountsClient::refresh(const std::string& refresh_token) {
  // Transport retries stay on for refreshing, deliberately. The worry is a reply lost after
  // Spotify rotated a single-use token: the retry then presents a spent token and gets
  // invalid_grant. But that token was spent by the lost reply, not by the retry; without the
  // retry this run fails with a network error and the next run meets the same invalid_grant.
  // The retry cannot make that case worse, and it rescues the common ones (a refused
  // connection, a 503 or a 429, where Spotify never processed the request).
  auto request =
      token_request().form_field("grant_type", "refresh_token").secret_form_field("refresh_token", refresh_token);
  if (!app_.confidential()) request.form_field("client_id", app_.client_id);
  return request_tokens(request, Grant::refresh_token, refresh_token);
}

TokenGrant AccountsClient::request_tokens(const net::HttpRequest& request, Grant grant,
                                          const std::string& refresh_token_sent) {
  const auto response = http_->send(request);
  if (!response.ok()) {
    throw_token_error(request, response.status, response.body, grant == Grant::refresh_token, app_);
  }
  const std::string where = request.describe() + " answered HTTP " + std::to_string(response.status);
  auto tokens = read_token_reply(net::parse_json_body(request, response), where, clock_->now_utc_ms(),
                                 grant == Grant::authorization_code, refresh_token_sent);
  // Before anything can log them.
  register_secret(tokens.access_token);
  register_secret(tokens.refresh_token);
  return tokens;
}

}  // namespace sonic::sources::spotify
