// Creating a playlist: POST /v1/me/playlists then POST /v1/playlists/{id}/items 100 URIs at a
// time; the scope check before any request; a 403 for a missing scope or a development-mode app;
// 429 and 5xx as every other Spotify call; the token never in an error or a log line.
#include <gtest/gtest.h>

#include "spotify_connection_fixture.hpp"
#include "support/log_capture.hpp"

namespace sonic::sources::spotify {
namespace {

using testing::fake_track_id;
using testing::kMyPlaylistsPath;
using testing::kPlaylistItemsPath;
using testing::StubReply;

class WebApiPlaylistsTest : public SpotifyConnectionFixture {
 protected:
  // A login granted both scopes, as `sonic auth spotify` asks for now.
  void log_in_with_playlists() {
    SpotifyCredentials credentials;
    credentials.client_id = testing::SpotifyFake::kClientId;
    credentials.refresh_token = spotify.issue_refresh_token(kLoginScope);
    credentials.scope = kLoginScope;
    credentials.authorized_ms = kAuthorizedMs;
    CredentialsStore(home.credentials(), SpotifyEnvironment{}).save(credentials, kAuthorizedMs);
  }

  static std::vector<std::string> uris(int count) {
    std::vector<std::string> result;
    for (int n = 1; n <= count; ++n) result.push_back("spotify:track:" + fake_track_id(n));
    return result;
  }

  static std::string no_token_in(const std::string& text, const std::vector<std::string>& tokens) {
    for (const auto& token : tokens) {
      if (text.find(token) != std::string::npos) return "the token " + token + " is in: " + text;
    }
    return "";
  }
};

TEST_F(WebApiPlaylistsTest, CreatesAPrivatePlaylistAndAddsItsTracksAHundredAtATimeInOrder) {
  log_in_with_playlists();
  SpotifyConnection session(home, settings(), clock);
  session.require_scope(kPlaylistModifyScope);
  const auto wanted = uris(250);
  const auto created = session.create_playlist("sonic: calm <morning> & \"tea\"", "one line", wanted);

  const auto playlists = spotify.playlists();
  ASSERT_EQ(playlists.size(), 1u);
  EXPECT_EQ(created.id, playlists[0].id);
  EXPECT_EQ(created.url, "https://open.spotify.com/playlist/" + created.id);
  EXPECT_EQ(created.items_added, 250u);
  EXPECT_EQ(playlists[0].request["name"], "sonic: calm <morning> & \"tea\"");
  EXPECT_EQ(playlists[0].request["description"], "one line");
  EXPECT_EQ(playlists[0].request["public"], false);
  EXPECT_EQ(playlists[0].uris, wanted);
  EXPECT_EQ(playlists[0].item_requests, 3);  // 100 + 100 + 50
  const auto adds = spotify.requests("POST", "/v1/playlists/" + created.id + "/items");
  ASSERT_EQ(adds.size(), 3u);
  EXPECT_EQ(adds[2].json()["uris"].size(), 50u);
  EXPECT_EQ(adds[0].header("Content-Type"), "application/json");
}

TEST_F(WebApiPlaylistsTest, AStoredLoginWithoutThePlaylistScopeIsRefusedBeforeAnyRequest) {
  SpotifyConnection session(home, settings(), clock);  // the fixture's login: recently played only
  try {
    session.require_scope(kPlaylistModifyScope);
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ExitCode::login_needed);
    EXPECT_NE(std::string(error.what()).find("without playlist-modify-private: run `sonic auth spotify`"),
              std::string::npos)
        << error.what();
  }
  EXPECT_TRUE(spotify.requests().empty());
}

TEST_F(WebApiPlaylistsTest, SpotifysInsufficientScopeIsALoginToRenew) {
  SpotifyConnection session(home, settings(), clock);  // a grant that lacks the scope, not caught locally
  try {
    session.create_playlist("x", "", uris(1));
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ExitCode::login_needed);
    const std::string message = error.what();
    EXPECT_NE(message.find("Insufficient client scope"), std::string::npos) << message;
    EXPECT_NE(message.find("`sonic auth spotify`"), std::string::npos) << message;
    EXPECT_EQ(no_token_in(message, spotify.issued_access_tokens()), "");
  }
  EXPECT_TRUE(spotify.playlists().empty());
}

TEST_F(WebApiPlaylistsTest, ADevelopmentModeForbiddenSaysWhatToDo) {
  log_in_with_playlists();
  spotify.forbid_playlists();
  SpotifyConnection session(home, settings(), clock);
  testing::LogCapture log;
  try {
    session.create_playlist("x", "", uris(1));
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    const std::string message = error.what();
    EXPECT_EQ(error.code(), ExitCode::login_needed);
    EXPECT_NE(message.find("POST " + spotify.url() + "/v1/me/playlists answered 403 Forbidden"), std::string::npos)
        << message;
    EXPECT_NE(message.find("development mode"), std::string::npos) << message;
    EXPECT_NE(message.find("User Management"), std::string::npos) << message;
    EXPECT_EQ(no_token_in(message, spotify.issued_access_tokens()), "");
  }
  EXPECT_EQ(spotify.requests("POST", kMyPlaylistsPath).size(), 1u);  // a 403 is final: not retried
  EXPECT_EQ(no_token_in(log.text(), spotify.issued_access_tokens()), "");
}

TEST_F(WebApiPlaylistsTest, RateLimitsAndServerErrorsAreRetriedAsForEveryCall) {
  log_in_with_playlists();
  SpotifyConnection session(home, settings(), clock);
  spotify.fail_next("POST", kMyPlaylistsPath,
                    {StubReply::json({{"error", {{"status", 429}, {"message", "Too many requests"}}}}, 429)
                         .header("Retry-After", "3")});
  spotify.fail_next("POST", kPlaylistItemsPath, {StubReply::error(502), StubReply::error(503)});
  const auto created = session.create_playlist("x", "", uris(3));
  EXPECT_EQ(created.items_added, 3u);
  EXPECT_NE(std::find(clock.sleeps().begin(), clock.sleeps().end(), std::chrono::seconds(3)), clock.sleeps().end());
  EXPECT_EQ(spotify.requests("POST", kMyPlaylistsPath).size(), 2u);
  ASSERT_EQ(spotify.playlists().size(), 1u);  // the 429 was not processed: one playlist
  EXPECT_EQ(spotify.playlists()[0].uris.size(), 3u);
}

TEST_F(WebApiPlaylistsTest, ItemsThatKeepFailingNameThePlaylistAlreadyCreated) {
  log_in_with_playlists();
  SpotifyConnection session(home, settings(), clock);
  spotify.fail_next("POST", kPlaylistItemsPath, {StubReply::json({{"snapshot_id", "a"}}, 201)});  // first 100 go in
  spotify.fail_next("POST", kPlaylistItemsPath, std::vector<StubReply>(4, StubReply::error(500, "down")));
  try {
    session.create_playlist("x", "", uris(150));
    FAIL() << "expected an HttpStatusError";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ExitCode::network);
    const std::string message = error.what();
    EXPECT_NE(message.find("the playlist " + spotify.playlists()[0].id + " was created with 100 of 150 tracks"),
              std::string::npos)
        << message;
  }
}

TEST_F(WebApiPlaylistsTest, ARefusedAccessTokenIsRenewedOnceAsForEveryCall) {
  log_in_with_playlists();
  SpotifyConnection session(home, settings(), clock);
  session.create_playlist("first", "", uris(1));
  spotify.expire_access_tokens();
  EXPECT_EQ(session.create_playlist("second", "", uris(2)).items_added, 2u);
  EXPECT_EQ(spotify.playlists().size(), 2u);
}

}  // namespace
}  // namespace sonic::sources::spotify
