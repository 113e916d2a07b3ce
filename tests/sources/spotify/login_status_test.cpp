// `sonic auth status` as data: where the login comes from, when it ends, what a check says.
#include "sonic/sources/spotify/login_status.hpp"

#include <gtest/gtest.h>

#include "sonic/core/utc_time.hpp"
#include "spotify_connection_fixture.hpp"

namespace sonic::sources::spotify {
namespace {

class LoginStatusTest : public SpotifyConnectionFixture {};

TEST_F(LoginStatusTest, AStoredLoginWithItsExpiry) {
  const LoginStatus status = read_login_status(home, false, settings(), clock);
  ASSERT_TRUE(status.credentials);
  EXPECT_TRUE(status.usable());
  // Authorized 30 days before "now" (2026-05-01T12:00Z): 2026-04-01, ends 2026-10-01.
  const auto json = to_json(status);
  EXPECT_EQ(json["logged_in"], true);
  EXPECT_EQ(json["usable"], true);
  EXPECT_EQ(json["source"], "file");
  EXPECT_EQ(json["credentials_file"], home.credentials().string());
  EXPECT_EQ(json["client_id"], testing::SpotifyFake::kClientId);
  EXPECT_EQ(json["scope"], "user-read-recently-played");
  EXPECT_EQ(json["authorized_at"], "2026-04-01T12:00:00.000Z");
  EXPECT_EQ(json["expires_at"], "2026-10-01T12:00:00.000Z");
  EXPECT_EQ(json["days_left"], 153);
  EXPECT_TRUE(json["check"].is_null());
  EXPECT_EQ(json.dump().find(first_refresh_token), std::string::npos);
  EXPECT_EQ(token_requests(), 0u);  // no check asked, no request made

  const std::string text = to_text(status);
  EXPECT_NE(text.find("stored in " + home.credentials().string()), std::string::npos) << text;
  EXPECT_NE(text.find("2026-10-01, in 153 days"), std::string::npos) << text;
  EXPECT_FALSE(login_status_error(status));
}

TEST_F(LoginStatusTest, ACheckRefreshesAndStoresTheRotatedToken) {
  const LoginStatus status = read_login_status(home, true, settings(), clock);
  ASSERT_TRUE(status.check);
  EXPECT_TRUE(status.check->ok);
  EXPECT_TRUE(status.check->refresh_token_replaced);
  EXPECT_TRUE(spotify.refresh_token_is_live(stored_refresh_token()));
  EXPECT_FALSE(spotify.refresh_token_is_live(first_refresh_token));
  const auto json = to_json(status);
  EXPECT_EQ(json["check"]["ok"], true);
  EXPECT_EQ(json["check"]["refresh_token_replaced"], true);
  EXPECT_EQ(json.dump().find(stored_refresh_token()), std::string::npos);
  EXPECT_FALSE(login_status_error(status));
}

TEST_F(LoginStatusTest, ACheckThatSpotifyRefusesSaysLoginNeeded) {
  spotify.revoke_refresh_tokens();
  const LoginStatus status = read_login_status(home, true, settings(), clock);
  EXPECT_FALSE(status.usable());
  const auto json = to_json(status);
  EXPECT_EQ(json["check"]["ok"], false);
  EXPECT_EQ(json["check"]["exit_code"], 4);
  EXPECT_EQ(json["check"]["reason"], exit_code_name(ExitCode::login_needed));
  EXPECT_EQ(json["check"]["error"], "Spotify login expired or was revoked: run `sonic auth spotify`");
  const auto error = login_status_error(status);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code(), ExitCode::login_needed);
}

TEST_F(LoginStatusTest, APassedExpiryDateIsNotUsable) {
  clock.advance(std::chrono::hours(24 * 200));
  const LoginStatus status = read_login_status(home, false, settings(), clock);
  EXPECT_TRUE(status.expired());
  EXPECT_FALSE(status.usable());
  EXPECT_LT(*status.days_left(), 0);
  EXPECT_NE(to_text(status).find("already passed"), std::string::npos);
  EXPECT_NE(std::string(login_status_error(status)->what()).find("expired on 2026-10-01"), std::string::npos);
}

TEST_F(LoginStatusTest, AnEnvironmentTokenHasNoKnownExpiry) {
  const SpotifyEnvironment environment{testing::SpotifyFake::kClientId, "", spotify.issue_refresh_token()};
  const LoginStatus status = read_login_status(home, false, settings(environment), clock);
  const auto json = to_json(status);
  EXPECT_EQ(json["source"], "environment");
  EXPECT_TRUE(json["expires_at"].is_null());
  EXPECT_TRUE(json["days_left"].is_null());
  EXPECT_TRUE(status.usable());
  EXPECT_NE(to_text(status).find("SPOTIFY_REFRESH_TOKEN"), std::string::npos);
}

TEST_F(LoginStatusTest, NoLoginIsNotUsable) {
  std::filesystem::remove(home.credentials());
  const LoginStatus status = read_login_status(home, true, settings(), clock);
  const auto json = to_json(status);
  EXPECT_EQ(json["logged_in"], false);
  EXPECT_EQ(json["usable"], false);
  EXPECT_TRUE(json["source"].is_null());
  EXPECT_TRUE(json["check"].is_null());  // nothing to check
  EXPECT_NE(to_text(status).find("Run `sonic auth spotify`"), std::string::npos);
  EXPECT_EQ(login_status_error(status)->code(), ExitCode::login_needed);
}

}  // namespace
}  // namespace sonic::sources::spotify
