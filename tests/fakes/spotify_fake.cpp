// The fake's plumbing (routes and faults) and its accounts service.
#include "fakes/spotify_fake.hpp"

#include <stdexcept>

#include "sonic/net/http_request.hpp"
#include "sonic/net/url_encoding.hpp"
#include "sonic/sources/spotify/pkce.hpp"

namespace sonic::testing {
namespace {

StubReply oauth_error(const std::string& error, const std::string& description, int status = 400) {
  return StubReply::json({{"error", error}, {"error_description", description}}, status);
}

std::string query_value(const std::vector<std::pair<std::string, std::string>>& pairs, const std::string& name) {
  for (const auto& [key, value] : pairs) {
    if (key == name) return value;
  }
  return "";
}

std::string expected_basic_header() {
  // The same encoding the client uses, through the public request API.
  return *net::HttpRequest::post("http://unused")
              .basic_auth(SpotifyFake::kClientId, SpotifyFake::kClientSecret)
              .headers()
              .find("Authorization");
}

}  // namespace

SpotifyFake::SpotifyFake() {
  route("POST", kTokenPath, kTokenPath, [this](const RecordedRequest& r) { return token(r); });
  route("GET", kRecentlyPlayedPath, kRecentlyPlayedPath,
        [this](const RecordedRequest& r) { return recently_played(r); });
  route("GET", kTracksPath, kTracksPath, [this](const RecordedRequest& r) { return tracks(r); });
  route("POST", kMyPlaylistsPath, kMyPlaylistsPath, [this](const RecordedRequest& r) { return create_playlist(r); });
}

std::map<std::string, std::string> SpotifyFake::env() const {
  return {{"SPOTIFY_ACCOUNTS_URL", url()}, {"SPOTIFY_API_URL", url()}, {"SPOTIFY_CLIENT_ID", kClientId}};
}

void SpotifyFake::route(const std::string& method, const std::string& path, const std::string& fault_key,
                        StubHandler real) {
  server_.on(method, path,
             [this, key = method + " " + fault_key, real](const RecordedRequest& r) { return serve(key, real, r); });
}

StubReply SpotifyFake::serve(const std::string& fault_key, const StubHandler& real, const RecordedRequest& request) {
  const auto fault = locked([&]() -> std::optional<Fault> {
    auto& queue = faults_[fault_key];
    if (queue.empty()) return std::nullopt;
    Fault next = queue.front();
    queue.pop_front();
    return next;
  });
  if (fault && fault->instead) return *fault->instead;
  StubReply reply = real(request);
  if (fault && fault->lost == LostReply::truncated) reply.truncated_at(reply.body.size() / 2);
  if (fault && fault->lost == LostReply::too_slow) reply.after(kSlowReply);
  return reply;
}

void SpotifyFake::fail_next(const std::string& method, const std::string& route, std::vector<StubReply> replies) {
  locked([&] {
    for (auto& reply : replies) {
      faults_[method + " " + route].push_back({std::move(reply), std::nullopt});
    }
  });
}

void SpotifyFake::lose_next_reply(const std::string& method, const std::string& route, LostReply how, int times) {
  locked([&] {
    for (int i = 0; i < times; ++i) faults_[method + " " + route].push_back({std::nullopt, how});
  });
}

std::vector<RecordedRequest> SpotifyFake::requests(const std::string& method, const std::string& path) const {
  std::vector<RecordedRequest> matching;
  for (auto& request : server_.requests()) {
    if (request.method == method && request.path == path) matching.push_back(std::move(request));
  }
  return matching;
}

// ---- the authorize page, played by the test ----

std::string SpotifyFake::redirect_for(const std::string& authorize_url, bool approve) {
  const auto mark = authorize_url.find('?');
  if (mark == std::string::npos || authorize_url.substr(0, mark) != server_.url("/authorize")) {
    throw std::runtime_error("not this fake's authorize URL: " + authorize_url);
  }
  const auto query = net::parse_query(std::string_view(authorize_url).substr(mark + 1));
  const auto field = [&](const char* name) { return query_value(query, name); };
  const std::string redirect_uri = field("redirect_uri");
  // What Spotify refuses outright: an unknown app, another response type, a redirect that is
  // not a loopback IP literal over http (localhost has been refused since 2025).
  if (field("client_id") != kClientId) throw std::runtime_error("unknown client_id");
  if (field("response_type") != "code") throw std::runtime_error("response_type is not code");
  if (redirect_uri.rfind("http://127.0.0.1:", 0) != 0) {
    throw std::runtime_error("redirect_uri is not a loopback IP literal: " + redirect_uri);
  }
  if (field("state").empty()) throw std::runtime_error("no state");
  const std::string challenge = field("code_challenge");
  if (!challenge.empty() && field("code_challenge_method") != "S256") {
    throw std::runtime_error("code_challenge_method is not S256");
  }
  const std::string state_part = "&state=" + net::percent_encode(field("state"));
  if (!approve) return redirect_uri + "?error=access_denied" + state_part;
  const std::string code = locked([&] {
    const std::string issued = "AQD-code-" + std::to_string(++serial_) + "-k2Jx9";
    authorizations_[issued] = {redirect_uri, challenge, field("scope"), false};
    return issued;
  });
  return redirect_uri + "?code=" + net::percent_encode(code) + state_part;
}

std::string SpotifyFake::approve(const std::string& authorize_url) { return redirect_for(authorize_url, true); }

std::string SpotifyFake::decline(const std::string& authorize_url) { return redirect_for(authorize_url, false); }

// ---- tokens ----

std::string SpotifyFake::issue_refresh_token(const std::string& scope) {
  return locked([&] {
    const std::string token = "AQC-refresh-" + std::to_string(++serial_) + "-Zr8wQ4";
    refresh_tokens_[token] = scope;
    return token;
  });
}

void SpotifyFake::rotate_refresh_tokens(bool rotate) {
  locked([&] { rotate_ = rotate; });
}

void SpotifyFake::revoke_refresh_tokens() {
  locked([&] { refresh_tokens_.clear(); });
}

void SpotifyFake::expire_access_tokens() {
  locked([&] { access_tokens_.clear(); });
}

bool SpotifyFake::refresh_token_is_live(const std::string& token) const {
  return locked([&] { return refresh_tokens_.count(token) > 0; });
}

std::vector<std::string> SpotifyFake::issued_access_tokens() const {
  return locked([&] { return issued_access_tokens_; });
}

// Called with the mutex held.
StubReply SpotifyFake::token_reply(const std::string& scope, const std::string& refresh_token) {
  const std::string access = "BQD-access-" + std::to_string(++serial_) + "-u5Xq9";
  access_tokens_[access] = scope;
  issued_access_tokens_.push_back(access);
  nlohmann::json body = {{"access_token", access}, {"token_type", "Bearer"}, {"scope", scope}, {"expires_in", 3600}};
  if (!refresh_token.empty()) body["refresh_token"] = refresh_token;
  return StubReply::json(body);
}

StubReply SpotifyFake::token(const RecordedRequest& request) {
  if (request.header("Content-Type") != "application/x-www-form-urlencoded") {
    return oauth_error("invalid_request", "form body expected");
  }
  const std::string authorization = request.header("Authorization");
  const bool basic_auth = !authorization.empty();
  if (basic_auth && authorization != expected_basic_header()) {
    return oauth_error("invalid_client", "Invalid client secret");
  }
  if (!basic_auth && request.form_value("client_id") != kClientId) {
    return oauth_error("invalid_client", "Invalid client");
  }
  const std::string grant = request.form_value("grant_type");
  if (grant == "authorization_code") return exchange_code(request, basic_auth);
  if (grant == "refresh_token") return refresh(request);
  return oauth_error("unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
}

StubReply SpotifyFake::exchange_code(const RecordedRequest& request, bool basic_auth) {
  std::lock_guard lock(mutex_);
  const auto found = authorizations_.find(request.form_value("code"));
  if (found == authorizations_.end() || found->second.used) {
    return oauth_error("invalid_grant", "Invalid authorization code");
  }
  Authorization& authorization = found->second;
  authorization.used = true;  // a code is good once, whatever happens next
  if (request.form_value("redirect_uri") != authorization.redirect_uri) {
    return oauth_error("invalid_grant", "Invalid redirect URI");
  }
  if (!authorization.code_challenge.empty()) {
    const std::string verifier = request.form_value("code_verifier");
    if (!sources::spotify::is_valid_pkce_verifier(verifier) ||
        sources::spotify::pkce_challenge(verifier) != authorization.code_challenge) {
      return oauth_error("invalid_grant", "code_verifier was incorrect");
    }
  } else if (!basic_auth) {
    return oauth_error("invalid_client", "Invalid client secret");
  }
  const std::string refresh_token = "AQC-refresh-" + std::to_string(++serial_) + "-Zr8wQ4";
  refresh_tokens_[refresh_token] = authorization.scope;
  return token_reply(authorization.scope, refresh_token);
}

StubReply SpotifyFake::refresh(const RecordedRequest& request) {
  std::lock_guard lock(mutex_);
  const auto found = refresh_tokens_.find(request.form_value("refresh_token"));
  if (found == refresh_tokens_.end()) return oauth_error("invalid_grant", "Refresh token revoked");
  const std::string scope = found->second;
  if (!rotate_) return token_reply(scope, "");
  refresh_tokens_.erase(found);  // single use
  const std::string rotated = "AQC-refresh-" + std::to_string(++serial_) + "-Zr8wQ4";
  refresh_tokens_[rotated] = scope;
  return token_reply(scope, rotated);
}

}  // namespace sonic::testing
