// No token, code, verifier or client secret reaches a log line (trace level included, curl's
// own account too) or an error message, through a run that meets every kind of trouble.
#include <gtest/gtest.h>

#include "sonic/net/url_encoding.hpp"
#include "spotify_connection_fixture.hpp"
#include "support/log_capture.hpp"

namespace sonic::sources::spotify {
namespace {

using testing::fake_play;
using testing::kRecentlyPlayedPath;
using testing::kTokenPath;
using testing::LostReply;
using testing::SpotifyFake;
using testing::StubReply;

void expect_free_of(const std::string& text, const std::vector<std::string>& secrets) {
  for (const auto& secret : secrets) {
    ASSERT_FALSE(secret.empty());
    for (const auto& form : {secret, net::percent_encode(secret)}) {
      EXPECT_EQ(text.find(form), std::string::npos) << "'" << form << "' leaked into:\n" << text;
    }
  }
}

class SpotifySecretsTest : public SpotifyConnectionFixture {};

TEST_F(SpotifySecretsTest, ATroubledConfidentialRunLeaksNothing) {
  spotify.add_play(fake_play(1, 1'777'000'000'000));
  const SpotifyEnvironment confidential{SpotifyFake::kClientId, SpotifyFake::kClientSecret, ""};
  testing::LogCapture log(spdlog::level::trace);
  std::vector<std::string> errors;
  std::vector<std::string> refresh_tokens = {first_refresh_token};
  {
    SpotifyConnection session(home, settings(confidential), clock);
    spotify.fail_next("POST", kTokenPath, {StubReply::error(503)});
    session.recently_played(std::nullopt);  // refresh (503, retried), rotate, store
    refresh_tokens.push_back(stored_refresh_token());
    spotify.expire_access_tokens();
    spotify.fail_next("GET", kRecentlyPlayedPath,
                      {StubReply::json({{"error", "slow"}}, 429).header("Retry-After", "1")});
    session.recently_played(std::nullopt);  // 429, then 401: renew, rotate, store
    refresh_tokens.push_back(stored_refresh_token());
    spotify.lose_next_reply("GET", kRecentlyPlayedPath, LostReply::truncated, 4);
    try {
      session.recently_played(std::nullopt);
    } catch (const Error& error) {
      errors.push_back(error.what());
    }
    spotify.expire_access_tokens();
    spotify.revoke_refresh_tokens();
    try {
      session.recently_played(std::nullopt);
    } catch (const Error& error) {
      errors.push_back(error.what());
    }
  }
  ASSERT_EQ(errors.size(), 2u);

  std::vector<std::string> secrets = spotify.issued_access_tokens();
  ASSERT_EQ(secrets.size(), 2u);
  secrets.insert(secrets.end(), refresh_tokens.begin(), refresh_tokens.end());
  secrets.push_back(SpotifyFake::kClientSecret);
  // The Basic credentials as they travel.
  const auto basic = net::HttpRequest::post("x")
                         .basic_auth(SpotifyFake::kClientId, SpotifyFake::kClientSecret)
                         .headers()
                         .find("Authorization");
  secrets.push_back(basic->substr(6));

  const std::string logged = log.text();
  EXPECT_NE(logged.find("curl > Authorization: [redacted]"), std::string::npos);  // it did log
  expect_free_of(logged, secrets);
  for (const auto& message : errors) expect_free_of(message, secrets);
}

}  // namespace
}  // namespace sonic::sources::spotify
