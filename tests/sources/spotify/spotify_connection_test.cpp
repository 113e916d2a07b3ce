// A run's Spotify session against the fake: recently played, the access token's life (one
// refresh per run, 401 renewal, rotated refresh tokens stored at once) and every fault the
// HTTP layer turns into a typed error.
#include "sonic/sources/spotify/spotify_connection.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "sonic/sources/byte_source.hpp"
#include "sonic/sources/export_file_reader.hpp"
#include "spotify_connection_fixture.hpp"
#include "support/shared_data.hpp"

namespace sonic::sources::spotify {
namespace {

using testing::fake_play;
using testing::fake_track_id;
using testing::kRecentlyPlayedPath;
using testing::LostReply;
using testing::StubReply;

constexpr std::int64_t kFirstPlayMs = 1'777'000'000'123;  // note the milliseconds
constexpr std::int64_t kGapMs = 240'000;

std::int64_t played_at(int n) { return kFirstPlayMs + n * kGapMs; }

std::vector<PlayRecord> read_plays(const std::string& body) {
  auto source = string_source(body);
  ExportFileReader reader(*source, "recently-played");
  std::vector<PlayRecord> plays;
  PlayRecord record;
  std::string skip_reason;
  while (reader.next(record, skip_reason)) plays.push_back(record);
  return plays;
}

class SpotifyConnectionTest : public SpotifyConnectionFixture {
 protected:
  void SetUp() override {
    for (int n = 1; n <= 60; ++n) spotify.add_play(fake_play(n, played_at(n)));
  }

  std::size_t recently_played_requests() const { return spotify.requests("GET", kRecentlyPlayedPath).size(); }
};

TEST_F(SpotifyConnectionTest, RecentlyPlayedGivesTheLastFiftyWithTheirCursors) {
  SpotifyConnection session(home, settings(), clock);
  const RecentlyPlayedPage page = session.recently_played(std::nullopt);
  EXPECT_EQ(page.play_count, 50u);
  EXPECT_EQ(page.newest_played_ms, played_at(60));
  EXPECT_EQ(page.oldest_played_ms, played_at(11));
  EXPECT_TRUE(page.has_next);
  const auto plays = read_plays(page.body);
  ASSERT_EQ(plays.size(), 50u);
  EXPECT_EQ(plays.front().track_id, fake_track_id(60));
  EXPECT_EQ(plays.back().track_id, fake_track_id(11));

  const auto request = spotify.requests("GET", kRecentlyPlayedPath).front();
  EXPECT_EQ(request.raw_query, "limit=50");
  EXPECT_EQ(request.header("Authorization"), "Bearer " + spotify.issued_access_tokens().front());
}

TEST_F(SpotifyConnectionTest, AfterIsSentInExactMilliseconds) {
  SpotifyConnection session(home, settings(), clock);
  const RecentlyPlayedPage page = session.recently_played(played_at(55));
  EXPECT_EQ(spotify.requests("GET", kRecentlyPlayedPath).front().raw_query,
            "limit=50&after=" + std::to_string(played_at(55)));
  EXPECT_EQ(page.play_count, 5u);  // 56..60: `after` is exclusive
  EXPECT_EQ(page.oldest_played_ms, played_at(56));
  EXPECT_FALSE(page.has_next);

  const RecentlyPlayedPage nothing_new = session.recently_played(played_at(60));
  EXPECT_EQ(nothing_new.play_count, 0u);
  EXPECT_FALSE(nothing_new.newest_played_ms);
  EXPECT_TRUE(read_plays(nothing_new.body).empty());
}

TEST_F(SpotifyConnectionTest, OneRefreshPerRunAndTheRotatedTokenIsStoredAtOnce) {
  SpotifyConnection session(home, settings(), clock);
  EXPECT_EQ(token_requests(), 0u);  // nothing is asked before the first call
  session.recently_played(std::nullopt);
  session.recently_played(played_at(59));
  EXPECT_EQ(token_requests(), 1u);

  const std::string stored = stored_refresh_token();
  EXPECT_NE(stored, first_refresh_token);
  EXPECT_TRUE(spotify.refresh_token_is_live(stored));
  EXPECT_FALSE(spotify.refresh_token_is_live(first_refresh_token));
  const auto credentials = CredentialsStore(home.credentials(), SpotifyEnvironment{}).load();
  EXPECT_GE(credentials->updated_ms, testing::FakeClock::kDefaultStartMs);  // at the refresh
  EXPECT_LE(credentials->updated_ms, clock.now_utc_ms());
  EXPECT_EQ(credentials->authorized_ms, kAuthorizedMs);  // refreshing does not extend the login

  // The next run starts from the stored token.
  SpotifyConnection next_run(home, settings(), clock);
  EXPECT_EQ(next_run.recently_played(std::nullopt).play_count, 50u);
}

TEST_F(SpotifyConnectionTest, AnAccessTokenThatExpiredEarlyIsRenewedOnceAndTheCallRetried) {
  SpotifyConnection session(home, settings(), clock);
  session.recently_played(std::nullopt);
  spotify.expire_access_tokens();
  EXPECT_EQ(session.recently_played(played_at(58)).play_count, 2u);
  EXPECT_EQ(token_requests(), 2u);
  EXPECT_EQ(recently_played_requests(), 3u);  // ok, 401, ok
  const auto requests = spotify.requests("GET", kRecentlyPlayedPath);
  EXPECT_EQ(requests[2].header("Authorization"), "Bearer " + spotify.issued_access_tokens().back());
}

TEST_F(SpotifyConnectionTest, AnAccessTokenRefusedTwiceNeedsANewLogin) {
  SpotifyConnection session(home, settings(), clock);
  const auto unauthorized = StubReply::json({{"error", {{"status", 401}, {"message", "Invalid access token"}}}}, 401);
  spotify.fail_next("GET", kRecentlyPlayedPath, {unauthorized, unauthorized});
  try {
    session.recently_played(std::nullopt);
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ExitCode::login_needed);
    EXPECT_NE(std::string(error.what()).find("Invalid access token"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("sonic auth spotify"), std::string::npos) << error.what();
  }
  EXPECT_EQ(recently_played_requests(), 2u);
}

TEST_F(SpotifyConnectionTest, ARevokedLoginNeedsANewLogin) {
  spotify.revoke_refresh_tokens();
  SpotifyConnection session(home, settings(), clock);
  try {
    session.recently_played(std::nullopt);
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ExitCode::login_needed);
    EXPECT_STREQ(error.what(), "Spotify login expired or was revoked: run `sonic auth spotify`");
  }
  EXPECT_EQ(stored_refresh_token(), first_refresh_token);  // nothing was overwritten
  EXPECT_EQ(recently_played_requests(), 0u);
}

TEST_F(SpotifyConnectionTest, NoLoginAtAllSaysWhatToRun) {
  std::filesystem::remove(home.credentials());
  try {
    SpotifyConnection session(home, settings(), clock);
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ExitCode::login_needed);
    EXPECT_NE(std::string(error.what()).find("run `sonic auth spotify`"), std::string::npos) << error.what();
  }
}

TEST_F(SpotifyConnectionTest, ARateLimitWithinTheCapIsSleptThrough) {
  SpotifyConnection session(home, settings(), clock);
  spotify.fail_next("GET", kRecentlyPlayedPath,
                    {StubReply::json({{"error", {{"status", 429}, {"message", "Too many requests"}}}}, 429)
                         .header("Retry-After", "3")});
  EXPECT_EQ(session.recently_played(std::nullopt).play_count, 50u);
  EXPECT_NE(std::find(clock.sleeps().begin(), clock.sleeps().end(), std::chrono::seconds(3)), clock.sleeps().end());
  EXPECT_EQ(recently_played_requests(), 2u);
}

TEST_F(SpotifyConnectionTest, ARateLimitBeyondTheCapEndsTheRunWithItsRetryTime) {
  SpotifyConnection session(home, settings(), clock);
  spotify.fail_next(
      "GET", kRecentlyPlayedPath,
      {StubReply::json({{"error", {{"status", 429}, {"message", "Too many requests"}, {"reason", "QUOTA_EXCEEDED"}}}},
                       429)
           .header("Retry-After", "74214")});
  try {
    session.recently_played(std::nullopt);
    FAIL() << "expected a RateLimitedError";
  } catch (const net::RateLimitedError& error) {
    EXPECT_EQ(error.code(), ExitCode::rate_limited);
    EXPECT_EQ(error.retry_at_ms(), clock.now_utc_ms() + 74'214'000);
    EXPECT_NE(std::string(error.what()).find("20 h 36 min"), std::string::npos) << error.what();
  }
  EXPECT_EQ(recently_played_requests(), 1u);
}

TEST_F(SpotifyConnectionTest, ServerErrorsAreRetriedThenReportedAsAServiceDown) {
  SpotifyConnection session(home, settings(), clock);
  spotify.fail_next("GET", kRecentlyPlayedPath, {StubReply::error(500), StubReply::error(502)});
  EXPECT_EQ(session.recently_played(std::nullopt).play_count, 50u);

  spotify.fail_next("GET", kRecentlyPlayedPath, std::vector<StubReply>(4, StubReply::error(503, "down")));
  try {
    session.recently_played(std::nullopt);
    FAIL() << "expected an HttpStatusError";
  } catch (const net::HttpStatusError& error) {
    EXPECT_EQ(error.status(), 503);
    EXPECT_EQ(error.code(), ExitCode::network);
  }
}

TEST_F(SpotifyConnectionTest, ATimeoutIsRetriedThenReportedAsNetworkTrouble) {
  auto quick = settings();
  // Five timeouts in this test; 1 s (still well under the fake's 3 s slow reply) leaves a loaded
  // machine room to answer the one reply that is not slow.
  quick.http.total_timeout = std::chrono::milliseconds(1000);
  SpotifyConnection session(home, quick, clock);
  spotify.lose_next_reply("GET", kRecentlyPlayedPath, LostReply::too_slow);
  EXPECT_EQ(session.recently_played(std::nullopt).play_count, 50u);
  EXPECT_EQ(recently_played_requests(), 2u);

  spotify.lose_next_reply("GET", kRecentlyPlayedPath, LostReply::too_slow, 4);
  try {
    session.recently_played(std::nullopt);
    FAIL() << "expected a NetworkError";
  } catch (const net::NetworkError& error) {
    EXPECT_EQ(error.code(), ExitCode::network);
    EXPECT_NE(std::string(error.what()).find("failed after 4 attempts"), std::string::npos) << error.what();
  }
}

TEST_F(SpotifyConnectionTest, ATruncatedBodyIsRetriedThenReportedAsNetworkTrouble) {
  SpotifyConnection session(home, settings(), clock);
  spotify.lose_next_reply("GET", kRecentlyPlayedPath, LostReply::truncated);
  const auto page = session.recently_played(std::nullopt);
  EXPECT_EQ(read_plays(page.body).size(), 50u);

  spotify.lose_next_reply("GET", kRecentlyPlayedPath, LostReply::truncated, 4);
  EXPECT_THROW(session.recently_played(std::nullopt), net::NetworkError);
}

TEST_F(SpotifyConnectionTest, APrivateSessionsEmptyReplyReadsAsNoPlays) {
  SpotifyConnection session(home, settings(), clock);
  spotify.fail_next("GET", kRecentlyPlayedPath, {StubReply::error(204)});
  const auto page = session.recently_played(std::nullopt);
  EXPECT_EQ(page.play_count, 0u);
  EXPECT_TRUE(read_plays(page.body).empty());
}

TEST_F(SpotifyConnectionTest, AMalformedReplyIsAnInputErrorNamingTheRequest) {
  SpotifyConnection session(home, settings(), clock);
  spotify.fail_next("GET", kRecentlyPlayedPath,
                    {StubReply::json({{"items", nlohmann::json::array()}, {"cursors", {{"after", "soon"}}}})});
  try {
    session.recently_played(std::nullopt);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("/v1/me/player/recently-played"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("'after'"), std::string::npos) << error.what();
  }
}

TEST_F(SpotifyConnectionTest, AnEnvironmentTokenThatSpotifyReplacedIsStoredAndUsedByTheNextRun) {
  std::filesystem::remove(home.credentials());
  const std::string env_token = spotify.issue_refresh_token();
  const SpotifyEnvironment environment{testing::SpotifyFake::kClientId, "", env_token};
  {
    SpotifyConnection session(home, settings(environment), clock);
    EXPECT_EQ(session.credentials().origin, CredentialsOrigin::environment);
    session.recently_played(std::nullopt);
    EXPECT_EQ(session.credentials().origin, CredentialsOrigin::file);
  }
  EXPECT_FALSE(spotify.refresh_token_is_live(env_token));
  SpotifyConnection next_run(home, settings(environment), clock);  // same, now spent, env token
  EXPECT_EQ(next_run.recently_played(std::nullopt).play_count, 50u);
  EXPECT_EQ(token_requests(), 2u);
}

}  // namespace
}  // namespace sonic::sources::spotify

namespace sonic::sources::spotify {
namespace {

class RecentlyPlayedSharedTest : public SpotifyConnectionFixture {};

// The fake replays two real recently-played replies (100 plays, half a year apart); paging
// forward with `after` from a point inside the older one returns every later play once.
TEST_F(RecentlyPlayedSharedTest, PagingForwardFromACursorReturnsEveryLaterPlayOnce) {
  SONIC_SHARED_DATA_OR_SKIP(older, "histories/api/agvic/recently_played1.raw.json");
  SONIC_SHARED_DATA_OR_SKIP(newer, "histories/api/agvic/recently_played500.raw.json");
  spotify.load_plays(older);
  spotify.load_plays(newer);
  ASSERT_EQ(spotify.play_count(), 100u);
  SpotifyConnection session(home, settings(), clock);

  const auto newest = session.recently_played(std::nullopt);
  const auto newest_plays = read_plays(newest.body);
  ASSERT_EQ(newest_plays.size(), 50u);
  EXPECT_EQ(newest.newest_played_ms, 1'751'060'729'341);  // the newer file's own cursors
  EXPECT_EQ(newest.oldest_played_ms, 1'746'648'964'362);

  // From the tenth newest play of the older file: its nine newer plays, then all 50 others.
  constexpr std::int64_t kTenthNewest = 1'734'063'469'091;
  std::optional<std::int64_t> after = kTenthNewest;
  std::set<std::int64_t> ends;
  std::size_t plays = 0;
  int pages = 0;
  while (true) {
    const auto page = session.recently_played(after);
    ++pages;
    for (const auto& play : read_plays(page.body)) {
      EXPECT_GT(play.end_ms, kTenthNewest);
      ends.insert(play.end_ms);
      ++plays;
    }
    if (!page.has_next) break;
    after = page.newest_played_ms;
  }
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(plays, 59u);
  EXPECT_EQ(ends.size(), 59u);
}

}  // namespace
}  // namespace sonic::sources::spotify
