// `sonic ingest` end to end, as cron runs it: the real binary against the Spotify and
// ReccoBeats fakes, credentials from the environment.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <csignal>

#include "fakes/reccobeats_fake.hpp"
#include "fakes/spotify_fake.hpp"
#include "sonic/core/run_lock.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/store/database.hpp"
#include "support/run_sonic.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

constexpr int kPlays = 30;

class IngestE2e : public ::testing::Test {
 protected:
  IngestE2e() {
    const std::int64_t first = *parse_iso8601_utc("2026-11-20T08:00:00Z");
    for (int n = 0; n < kPlays; ++n) {
      spotify_.add_play(fake_play(n, first + n * 240'000));
      reccobeats_.add_track(fake_track_id(n));
    }
    refresh_token_ = spotify_.issue_refresh_token();
    env_ = spotify_.env();
    env_["SPOTIFY_REFRESH_TOKEN"] = refresh_token_;
    env_["RECCOBEATS_URL"] = reccobeats_.base_url();
    env_["SONIC_RECCOBEATS_INTERVAL_MS"] = "0";
  }

  RunResult ingest(std::vector<std::string> extra = {}, RunOptions options = {}) {
    std::vector<std::string> args = {"--home", home_.path().string(), "ingest", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    for (const auto& [name, value] : env_) options.env.emplace(name, value);
    return run_sonic(args, options);
  }
  std::int64_t scalar(const char* sql) { return store::Database::open_read_only(home_ / "sonic.db").scalar(sql); }

  SpotifyFake spotify_;
  ReccoBeatsFake reccobeats_;
  TempDir home_;
  std::string refresh_token_;
  std::map<std::string, std::string> env_;
};

TEST_F(IngestE2e, StoresPlaysAndFeaturesThenASecondRunAddsNothing) {
  const auto first = ingest();
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto tally = nlohmann::json::parse(first.out);
  EXPECT_EQ(tally["fetched"], kPlays);
  EXPECT_EQ(tally["new_plays"], kPlays);
  EXPECT_EQ(tally["features_found"], kPlays);
  EXPECT_EQ(scalar("SELECT count(*) FROM plays WHERE source = 'api'"), kPlays);
  EXPECT_EQ(scalar("SELECT count(*) FROM audio_features WHERE source = 'reccobeats'"), kPlays);
  EXPECT_GT(scalar("SELECT count(*) FROM sessions"), 0);

  const auto second = ingest();
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const auto again = nlohmann::json::parse(second.out);
  EXPECT_EQ(again["new_plays"], 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM plays"), kPlays);
  // The second run asked for plays after the newest one, in milliseconds.
  const auto asked = spotify_.requests("GET", kRecentlyPlayedPath);
  ASSERT_GE(asked.size(), 2u);
  EXPECT_FALSE(asked.back().query_value("after").empty());
}

TEST_F(IngestE2e, KilledMidRunThenRunAgainLeavesEveryPlayExactlyOnce) {
  reccobeats_.faults().set_delay(std::chrono::milliseconds(3000));  // die during enrichment
  RunOptions kill;
  kill.kill_after_ms = 1000;
  const auto killed = ingest({}, kill);
  EXPECT_EQ(killed.exit_code, 128 + SIGKILL) << killed.err;
  reccobeats_.faults().set_delay(std::chrono::milliseconds(0));
  const auto rerun = ingest();
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(scalar("SELECT count(*) FROM plays"), kPlays);
  EXPECT_EQ(scalar("SELECT count(DISTINCT end_ms) FROM plays"), kPlays);
  EXPECT_EQ(scalar("SELECT count(*) FROM audio_features"), kPlays);
}

TEST_F(IngestE2e, RevokedLoginExitsFourWithTheCommandToRun) {
  spotify_.revoke_refresh_tokens();
  const auto result = ingest();
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_NE(result.err.find("sonic auth spotify"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find(refresh_token_), std::string::npos);
}

TEST_F(IngestE2e, RateLimitedPastTheCapExitsFiveAndTheNextCronRunDoesNotCall) {
  spotify_.fail_next("GET", kRecentlyPlayedPath,
                     {StubReply::error(429, "{\"error\":{\"status\":429,\"message\":\"Too many requests\"}}")
                          .header("Retry-After", "74214")});
  const auto limited = ingest();
  EXPECT_EQ(limited.exit_code, 5) << limited.err;
  const auto calls = spotify_.requests().size();
  const auto next = ingest();
  EXPECT_EQ(next.exit_code, 5);
  EXPECT_EQ(spotify_.requests().size(), calls) << "a run before the recorded time must not call";
}

TEST_F(IngestE2e, ASecondRunStepsAsideWhileTheFirstHoldsTheHome) {
  std::filesystem::create_directories(home_.path());
  auto held = RunLock::try_acquire(home_ / "sonic.lock");
  ASSERT_TRUE(held.has_value());
  const auto result = ingest();
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.err.find("another sonic run"), std::string::npos) << result.err;
  EXPECT_TRUE(spotify_.requests().empty());
}

TEST_F(IngestE2e, NoTokenOrSecretInTraceLogs) {
  env_["SONIC_LOG_LEVEL"] = "trace";
  const auto result = ingest();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string everything = result.out + result.err;
  EXPECT_EQ(everything.find(refresh_token_), std::string::npos);
  for (const auto& token : spotify_.issued_access_tokens()) {
    EXPECT_EQ(everything.find(token), std::string::npos);
  }
  EXPECT_EQ(everything.find(SpotifyFake::kClientSecret), std::string::npos);
}

TEST_F(IngestE2e, ExportTracksGetSpotifyMetadataOneByOneWhenTheBatchRouteIsForbidden) {
  // Five tracks known only from an export (no duration), which Spotify knows.
  std::string json = "[";
  for (int n = 100; n < 105; ++n) {
    spotify_.add_track(fake_track(n));
    if (n > 100) json += ",";
    json += R"({"ts":"2026-01-0)" + std::to_string(n - 99) + R"(T10:00:00Z","ms_played":180000,)" +
            R"("master_metadata_track_name":"Track )" + std::to_string(n) +
            R"(","master_metadata_album_artist_name":"Artist","spotify_track_uri":"spotify:track:)" + fake_track_id(n) +
            "\"}";
  }
  TempDir data;
  const auto file = write_file(data / "Streaming_History_Audio_0.json", json + "]");
  ASSERT_EQ(run_sonic({"--home", home_.path().string(), "import", file.string()}).exit_code, 0);
  spotify_.forbid_batch_tracks();

  const auto result = ingest({"--no-enrich"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(nlohmann::json::parse(result.out)["tracks_enriched"], 5);
  EXPECT_EQ(scalar("SELECT count(*) FROM tracks WHERE duration_ms IS NULL"), 0);
  EXPECT_FALSE(spotify_.requests("GET", "/v1/tracks/" + fake_track_id(100)).empty());
  // Found once, never asked again.
  const auto calls = spotify_.requests().size();
  ASSERT_EQ(ingest({"--no-enrich"}).exit_code, 0);
  EXPECT_TRUE(spotify_.requests("GET", "/v1/tracks/" + fake_track_id(101)).size() == 1);
  EXPECT_GT(spotify_.requests().size(), calls);  // only the recently-played call
}

TEST_F(IngestE2e, RealRecentlyPlayedReplyIsStored) {
  SONIC_SHARED_DATA_OR_SKIP(reply, "histories/api/agvic/recently_played1.raw.json");
  SpotifyFake real;
  real.load_plays(reply);
  env_ = real.env();
  env_["SPOTIFY_REFRESH_TOKEN"] = real.issue_refresh_token();
  env_["RECCOBEATS_URL"] = reccobeats_.base_url();
  const auto result = ingest({"--no-enrich"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(nlohmann::json::parse(result.out)["new_plays"], 50);
  EXPECT_EQ(ingest({"--no-enrich"}).exit_code, 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM plays"), 50);
}

}  // namespace
}  // namespace sonic::testing
