// The accounts client against the fake Spotify: what goes on the wire for each flow, and how
// each failure reaches the caller.
#include "sonic/sources/spotify/accounts_client.hpp"

#include <gtest/gtest.h>

#include "fakes/fake_clock.hpp"
#include "fakes/spotify_fake.hpp"
#include "sonic/net/url_encoding.hpp"
#include "sonic/sources/spotify/pkce.hpp"

namespace sonic::sources::spotify {
namespace {

using testing::LostReply;
using testing::SpotifyFake;
using testing::StubReply;

const std::string kRedirect = "http://127.0.0.1:43111/callback";

std::map<std::string, std::string> query_of(const std::string& url) {
  std::map<std::string, std::string> fields;
  for (auto& [name, value] : net::parse_query(url.substr(url.find('?') + 1))) fields[name] = value;
  return fields;
}

std::string code_in(const std::string& redirect) { return query_of(redirect).at("code"); }

class AccountsClientTest : public ::testing::Test {
 protected:
  SpotifyFake spotify;  // first: outlives the client's connection
  testing::FakeClock clock;
  net::HttpClient http{net::HttpSettings{}, clock};
  AccountsClient pkce{spotify.url(), SpotifyApp{SpotifyFake::kClientId, ""}, http, clock};
  AccountsClient confidential{spotify.url(), SpotifyApp{SpotifyFake::kClientId, SpotifyFake::kClientSecret}, http,
                              clock};

  testing::RecordedRequest last_token_request() const { return spotify.requests("POST", testing::kTokenPath).back(); }
};

TEST_F(AccountsClientTest, AuthorizeUrlCarriesEveryPkceParameter) {
  const std::string url = pkce.authorize_url({kRedirect, "state-123", "challenge-abc"});
  EXPECT_EQ(url.substr(0, url.find('?')), spotify.url() + "/authorize");
  const std::map<std::string, std::string> expected = {{"client_id", SpotifyFake::kClientId},
                                                       {"response_type", "code"},
                                                       {"redirect_uri", kRedirect},
                                                       {"state", "state-123"},
                                                       {"scope", "user-read-recently-played playlist-modify-private"},
                                                       {"code_challenge_method", "S256"},
                                                       {"code_challenge", "challenge-abc"}};
  EXPECT_EQ(query_of(url), expected);
}

TEST_F(AccountsClientTest, ConfidentialAuthorizeUrlHasNoChallenge) {
  const auto fields = query_of(confidential.authorize_url({kRedirect, "s", "challenge-abc"}));
  EXPECT_EQ(fields.count("code_challenge"), 0u);
  EXPECT_EQ(fields.count("code_challenge_method"), 0u);
  EXPECT_EQ(fields.at("client_id"), SpotifyFake::kClientId);
}

TEST_F(AccountsClientTest, PkceExchangeSendsVerifierAndClientIdWithoutAuthorization) {
  const PkcePair pair = new_pkce_pair();
  const std::string code = code_in(spotify.approve(pkce.authorize_url({kRedirect, "s", pair.challenge})));
  const TokenGrant grant = pkce.exchange_code(code, kRedirect, pair.verifier);
  EXPECT_FALSE(grant.access_token.empty());
  EXPECT_TRUE(spotify.refresh_token_is_live(grant.refresh_token));
  EXPECT_EQ(grant.scope, "user-read-recently-played playlist-modify-private");
  EXPECT_EQ(grant.expires_at_ms, clock.now_utc_ms() + 3'600'000);

  const auto request = last_token_request();
  EXPECT_EQ(request.header("Authorization"), "");
  const std::multimap<std::string, std::string> expected = {{"grant_type", "authorization_code"},
                                                            {"code", code},
                                                            {"redirect_uri", kRedirect},
                                                            {"client_id", SpotifyFake::kClientId},
                                                            {"code_verifier", pair.verifier}};
  EXPECT_EQ(request.form(), expected);
}

TEST_F(AccountsClientTest, ConfidentialExchangeAuthenticatesWithBasicInstead) {
  const std::string code = code_in(spotify.approve(confidential.authorize_url({kRedirect, "s", ""})));
  const TokenGrant grant = confidential.exchange_code(code, kRedirect, "unused");
  EXPECT_TRUE(spotify.refresh_token_is_live(grant.refresh_token));
  const auto request = last_token_request();
  EXPECT_EQ(request.header("Authorization").rfind("Basic ", 0), 0u);
  const std::multimap<std::string, std::string> expected = {
      {"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", kRedirect}};
  EXPECT_EQ(request.form(), expected);
}

TEST_F(AccountsClientTest, AWrongVerifierOrAReusedCodeNeedsANewLogin) {
  const PkcePair pair = new_pkce_pair();
  const PkcePair other = new_pkce_pair();
  const std::string code = code_in(spotify.approve(pkce.authorize_url({kRedirect, "s", pair.challenge})));
  try {
    pkce.exchange_code(code, kRedirect, other.verifier);
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ExitCode::login_needed);
    EXPECT_NE(std::string(error.what()).find("code_verifier was incorrect"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("sonic auth spotify"), std::string::npos) << error.what();
  }
  // The code was spent by that attempt, as at Spotify.
  EXPECT_THROW(pkce.exchange_code(code, kRedirect, pair.verifier), Error);
}

TEST_F(AccountsClientTest, PkceRefreshSendsClientIdAndStoresTheRotatedToken) {
  const std::string old_token = spotify.issue_refresh_token();
  const TokenGrant grant = pkce.refresh(old_token);
  EXPECT_TRUE(grant.refresh_token_replaced);
  EXPECT_NE(grant.refresh_token, old_token);
  EXPECT_TRUE(spotify.refresh_token_is_live(grant.refresh_token));
  EXPECT_FALSE(spotify.refresh_token_is_live(old_token));

  const auto request = last_token_request();
  EXPECT_EQ(request.header("Authorization"), "");
  const std::multimap<std::string, std::string> expected = {
      {"grant_type", "refresh_token"}, {"refresh_token", old_token}, {"client_id", SpotifyFake::kClientId}};
  EXPECT_EQ(request.form(), expected);
}

TEST_F(AccountsClientTest, AReplyWithoutARefreshTokenKeepsTheOldOne) {
  spotify.rotate_refresh_tokens(false);
  const std::string token = spotify.issue_refresh_token();
  const TokenGrant grant = pkce.refresh(token);
  EXPECT_FALSE(grant.refresh_token_replaced);
  EXPECT_EQ(grant.refresh_token, token);
}

TEST_F(AccountsClientTest, ConfidentialRefreshUsesBasicAuthAndNoClientId) {
  const std::string token = spotify.issue_refresh_token();
  confidential.refresh(token);
  const auto request = last_token_request();
  EXPECT_EQ(request.header("Authorization").rfind("Basic ", 0), 0u);
  const std::multimap<std::string, std::string> expected = {{"grant_type", "refresh_token"}, {"refresh_token", token}};
  EXPECT_EQ(request.form(), expected);
}

TEST_F(AccountsClientTest, InvalidGrantMeansLoginNeeded) {
  const std::string token = spotify.issue_refresh_token();
  spotify.revoke_refresh_tokens();
  try {
    pkce.refresh(token);
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ExitCode::login_needed);
    EXPECT_STREQ(error.what(), "Spotify login expired or was revoked: run `sonic auth spotify`");
  }
}

TEST_F(AccountsClientTest, InvalidClientIsAUsageErrorAboutTheClientId) {
  AccountsClient stranger(spotify.url(), SpotifyApp{"no-such-client", ""}, http, clock);
  try {
    stranger.refresh(spotify.issue_refresh_token());
    FAIL() << "expected a UsageError";
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find("SPOTIFY_CLIENT_ID"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("no-such-client"), std::string::npos) << error.what();
  }
  AccountsClient wrong_secret(spotify.url(), SpotifyApp{SpotifyFake::kClientId, "wrong-secret-xyz"}, http, clock);
  try {
    wrong_secret.refresh(spotify.issue_refresh_token());
    FAIL() << "expected a UsageError";
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find("SPOTIFY_CLIENT_SECRET"), std::string::npos) << error.what();
    EXPECT_EQ(std::string(error.what()).find("wrong-secret-xyz"), std::string::npos) << error.what();
  }
}

TEST_F(AccountsClientTest, OtherOAuthErrorsKeepSpotifysWords) {
  spotify.fail_next("POST", testing::kTokenPath,
                    {StubReply::json({{"error", "invalid_request"}, {"error_description", "Odd"}}, 400)});
  try {
    pkce.refresh(spotify.issue_refresh_token());
    FAIL() << "expected an HttpStatusError";
  } catch (const net::HttpStatusError& error) {
    EXPECT_EQ(error.status(), 400);
    EXPECT_NE(std::string(error.what()).find("invalid_request"), std::string::npos) << error.what();
  }
}

TEST_F(AccountsClientTest, ServerErrorsAndRateLimitsAreRetried) {
  const std::string token = spotify.issue_refresh_token();
  spotify.fail_next("POST", testing::kTokenPath,
                    {StubReply::error(503), StubReply::json({{"error", "slow down"}}, 429).header("Retry-After", "2")});
  const TokenGrant grant = pkce.refresh(token);
  EXPECT_TRUE(spotify.refresh_token_is_live(grant.refresh_token));
  EXPECT_EQ(spotify.requests("POST", testing::kTokenPath).size(), 3u);
  ASSERT_EQ(clock.sleeps().size(), 2u);
  EXPECT_EQ(clock.sleeps()[1], std::chrono::seconds(2));
}

TEST_F(AccountsClientTest, ALostReplyAfterRotationSpendsTheTokenAndTheRetrySaysSo) {
  // The deliberate choice in AccountsClient::refresh: the retry meets the token the lost
  // reply already spent, and the person is told to log in again (not a network error that
  // would fail the same way every hour).
  const std::string token = spotify.issue_refresh_token();
  spotify.lose_next_reply("POST", testing::kTokenPath, LostReply::truncated);
  try {
    pkce.refresh(token);
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ExitCode::login_needed);
  }
  EXPECT_EQ(spotify.requests("POST", testing::kTokenPath).size(), 2u);
}

TEST_F(AccountsClientTest, ALostReplyWithoutRotationIsRescuedByTheRetry) {
  spotify.rotate_refresh_tokens(false);
  const std::string token = spotify.issue_refresh_token();
  spotify.lose_next_reply("POST", testing::kTokenPath, LostReply::truncated);
  EXPECT_EQ(pkce.refresh(token).refresh_token, token);
  EXPECT_EQ(spotify.requests("POST", testing::kTokenPath).size(), 2u);
}

TEST_F(AccountsClientTest, AReplyThatIsNotJsonIsAnInputError) {
  spotify.fail_next("POST", testing::kTokenPath, {StubReply::text("<html>maintenance</html>")});
  EXPECT_THROW(pkce.refresh(spotify.issue_refresh_token()), InputError);
  spotify.fail_next("POST", testing::kTokenPath, {StubReply::json({{"token_type", "Bearer"}})});
  try {
    pkce.refresh(spotify.issue_refresh_token());
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("without an access_token"), std::string::npos) << error.what();
  }
}

// The token reply's reader on its own (the fuzz target spotify_replies drives it too).
TEST(TokenReply, AnExpiryGivenAsTextFallsBackToAnHourAndARefreshKeepsTheTokenSent) {
  const auto grant = read_token_reply(nlohmann::json::parse(R"({"access_token":"at-123456","expires_in":"60"})"),
                                      "POST /api/token answered HTTP 200", 1'000, false, "rt-kept");
  EXPECT_EQ(grant.access_token, "at-123456");
  EXPECT_EQ(grant.expires_at_ms, 1'000 + 3'600'000);
  EXPECT_EQ(grant.refresh_token, "rt-kept");
  EXPECT_FALSE(grant.refresh_token_replaced);
}

TEST(TokenReply, ACodeExchangeWithoutARefreshTokenIsBadInputNamingWhere) {
  try {
    read_token_reply(nlohmann::json::parse(R"({"access_token":"at-123456"})"), "POST /api/token answered HTTP 200", 0,
                     true, "");
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "POST /api/token answered HTTP 200 without a refresh_token");
  }
  EXPECT_THROW(read_token_reply(nlohmann::json::array(), "x", 0, false, ""), InputError);
}

}  // namespace
}  // namespace sonic::sources::spotify
