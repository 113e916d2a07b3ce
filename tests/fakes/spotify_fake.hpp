#pragma once
// A fake Spotify (accounts service and Web API on one loopback StubServer) speaking the wire
// formats of shared/docs/external-services.md §1:
//
//   SpotifyFake spotify;
//   spotify.load_plays(shared / "recently_played1.raw.json");
//   const std::string refresh = spotify.issue_refresh_token();   // as if logged in earlier
//   spotify.expire_access_tokens();                              // next API call: 401
//   spotify.fail_next("GET", kRecentlyPlayedPath, {StubReply::json(..., 429).header("Retry-After",
//   "2")});
//
// Accounts: there is no /authorize page; the test plays the person and the page with
// approve(authorize_url), which checks the URL like Spotify would and returns where the
// browser is sent (redirect_uri?code=…&state=…). POST /api/token then validates the code
// (single use, same redirect_uri, PKCE verifier against the challenge, or Basic auth for a
// confidential app) and refresh tokens (rotated and single use unless told otherwise).
//
// Web API: GET /v1/me/player/recently-played honours limit/after/before over the plays it
// holds; GET /v1/tracks?ids= and GET /v1/tracks/{id} serve the tracks it knows (null in a
// batch, 404 alone for the others). POST /v1/me/playlists creates a playlist (201, the
// PlaylistObject) and POST /v1/playlists/{id}/items adds at most 100 spotify:track: URIs (201,
// {"snapshot_id"}); both need playlist-modify-private in the token's scope (403 "Insufficient
// client scope" otherwise), and forbid_playlists() makes them answer a development-mode 403.
// Every call needs a live access token (401 otherwise).
//
// Faults, per route, consumed in order before the route's real behaviour:
//   fail_next        answered instead (the request is not processed: no token is rotated)
//   lose_next_reply  processed, then the reply is lost (cut short, or too slow for the client)
#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "fakes/stub_server.hpp"

namespace sonic::testing {

inline constexpr const char* kTokenPath = "/api/token";
inline constexpr const char* kRecentlyPlayedPath = "/v1/me/player/recently-played";
inline constexpr const char* kTracksPath = "/v1/tracks";
inline constexpr const char* kTrackPath = "/v1/tracks/{id}";  // the fault key of the single route
inline constexpr const char* kMyPlaylistsPath = "/v1/me/playlists";
inline constexpr const char* kPlaylistItemsPath = "/v1/playlists/{id}/items";  // the fault key for every playlist

enum class LostReply { truncated, too_slow };

// Small Web API objects for tests that need no real data: track `n` has a 22-character base62
// ID, the name "Track n", one artist ("Artist n%7"), an album and a duration of 180 s + n ms.
std::string fake_track_id(int n);
nlohmann::json fake_track(int n);
nlohmann::json fake_play(int n, std::int64_t played_at_ms);  // a PlayHistoryObject

class SpotifyFake {
 public:
  static constexpr const char* kClientId = "fake-client-id-0001";
  static constexpr const char* kClientSecret = "fake-client-secret-7f3a9c";
  static constexpr std::chrono::seconds kSlowReply{3};

  SpotifyFake();

  std::string url() const { return server_.url(); }
  int port() const { return server_.port(); }
  // SPOTIFY_ACCOUNTS_URL, SPOTIFY_API_URL and SPOTIFY_CLIENT_ID for the binary.
  std::map<std::string, std::string> env() const;

  // Accounts.
  std::string approve(const std::string& authorize_url);  // throws on a URL Spotify refuses
  std::string decline(const std::string& authorize_url);  // redirect_uri?error=access_denied&state=
  std::string issue_refresh_token(const std::string& scope = "user-read-recently-played");
  void rotate_refresh_tokens(bool rotate);
  void revoke_refresh_tokens();  // every live refresh token: invalid_grant from now on
  void expire_access_tokens();   // the Web API answers 401 until the next token is issued
  bool refresh_token_is_live(const std::string& token) const;
  std::vector<std::string> issued_access_tokens() const;

  // Web API data.
  void add_play(const nlohmann::json& item);  // a PlayHistoryObject; its track becomes known
  void load_plays(const std::filesystem::path& recently_played_reply);
  void add_track(const nlohmann::json& track_object);
  void forbid_batch_tracks(bool forbid = true);
  void forbid_playlists(bool forbid = true);  // 403 {"error":{"status":403,"message":"Forbidden"}}
  struct CreatedPlaylist {
    std::string id;
    nlohmann::json request;         // the create call's body
    std::vector<std::string> uris;  // every item added, in order
    int item_requests = 0;
  };
  std::vector<CreatedPlaylist> playlists() const;
  std::size_t play_count() const;

  // Faults. `route` is one of the *_PATH constants above.
  void fail_next(const std::string& method, const std::string& route, std::vector<StubReply> replies);
  void lose_next_reply(const std::string& method, const std::string& route, LostReply how, int times = 1);

  std::vector<RecordedRequest> requests(const std::string& method, const std::string& path) const;
  std::vector<RecordedRequest> requests() const { return server_.requests(); }

 private:
  struct Authorization {
    std::string redirect_uri;
    std::string code_challenge;  // empty: a confidential app's authorization
    std::string scope;
    bool used = false;
  };
  struct Fault {
    std::optional<StubReply> instead;
    std::optional<LostReply> lost;
  };

  template <typename F>
  auto locked(F&& action) const {
    std::lock_guard lock(mutex_);
    return action();
  }
  // Serves `method path` through `real`, after the faults queued under `fault_key`.
  void route(const std::string& method, const std::string& path, const std::string& fault_key, StubHandler real);
  StubReply serve(const std::string& fault_key, const StubHandler& real, const RecordedRequest& request);

  StubReply token(const RecordedRequest& request);
  StubReply exchange_code(const RecordedRequest& request, bool basic_auth);
  StubReply refresh(const RecordedRequest& request);
  StubReply token_reply(const std::string& scope, const std::string& refresh_token);
  std::optional<StubReply> reject_bearer(const RecordedRequest& request) const;
  StubReply recently_played(const RecordedRequest& request);
  StubReply tracks(const RecordedRequest& request);
  StubReply track(const std::string& id, const RecordedRequest& request);
  StubReply create_playlist(const RecordedRequest& request);
  StubReply add_playlist_items(const std::string& id, const RecordedRequest& request);
  std::optional<StubReply> reject_playlist_write(const RecordedRequest& request) const;
  std::string redirect_for(const std::string& authorize_url, bool approve);

  StubServer server_;
  mutable std::mutex mutex_;
  std::map<std::string, std::deque<Fault>> faults_;
  std::map<std::string, Authorization> authorizations_;  // by code
  std::map<std::string, std::string> refresh_tokens_;    // live token -> scope
  std::map<std::string, std::string> access_tokens_;     // live token -> its scope
  std::vector<std::string> issued_access_tokens_;
  bool rotate_ = true;
  int serial_ = 0;
  std::map<std::int64_t, nlohmann::json> plays_;  // by played_at in ms
  std::map<std::string, nlohmann::json> tracks_;  // by ID
  bool batch_forbidden_ = false;
  bool playlists_forbidden_ = false;
  std::vector<CreatedPlaylist> playlists_;
};

}  // namespace sonic::testing
