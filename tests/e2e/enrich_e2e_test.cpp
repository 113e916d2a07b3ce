// `sonic enrich` end to end: the real binary against the ReccoBeats and Last.fm fakes, with the
// base URLs and the key passed through the environment as cron would.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <csignal>
#include <set>

#include "fakes/lastfm_fake.hpp"
#include "fakes/reccobeats_fake.hpp"
#include "fakes/refusing_port.hpp"
#include "sonic/store/database.hpp"
#include "support/run_sonic.hpp"
#include "support/synthetic_history.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

using std::chrono::milliseconds;

class EnrichE2e : public ::testing::Test {
 protected:
  RunResult sonic(std::vector<std::string> args, RunOptions options = {}) {
    args.insert(args.begin(), {"--home", home_.path().string()});
    for (const auto& [name, value] : env_) options.env.emplace(name, value);
    return run_sonic(args, options);
  }

  // Imports `count` tracks by `artists` artists through the binary; ReccoBeats knows all but
  // every `unknown_every`-th, Last.fm knows every track (two tags) and artist (three).
  void import_history(int count, int artists, int unknown_every = 0) {
    tracks_ = synthetic_tracks(count, artists);
    const auto file = write_extended_history(data_ / "export", tracks_);
    ASSERT_EQ(sonic({"import", file.string()}).exit_code, 0);
    for (int i = 0; i < count; ++i) {
      const auto& track = tracks_[static_cast<std::size_t>(i)];
      if (unknown_every == 0 || i % unknown_every != 0) reccobeats_.add_track(track.spotify_id);
      lastfm_.add_track(track.artist, track.title, {{"indie", 100}, {"calm", 40}});
    }
    for (int a = 0; a < artists; ++a) {
      lastfm_.add_artist("Artist " + std::to_string(a), {{"indie", 100}, {"pop", 60}, {"lo-fi", 20}});
    }
  }

  store::Database store() { return store::Database::open_read_only(home_ / "sonic.db"); }

  ReccoBeatsFake reccobeats_;
  LastfmFake lastfm_;
  TempDir home_;
  TempDir data_;
  std::vector<SyntheticTrack> tracks_;
  std::map<std::string, std::string> env_ = {{"RECCOBEATS_URL", reccobeats_.base_url()},
                                             {"LASTFM_URL", lastfm_.base_url()},
                                             {"LASTFM_API_KEY", LastfmFake::kApiKey},
                                             {"SONIC_RECCOBEATS_INTERVAL_MS", "0"},
                                             {"SONIC_LASTFM_INTERVAL_MS", "0"}};
};

TEST_F(EnrichE2e, JsonTallyIsOneObjectAndASecondRunHasNothingToDo) {
  import_history(12, 3, /*unknown_every=*/5);  // 0, 5 and 10 unknown to ReccoBeats
  const auto result = sonic({"enrich", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(nlohmann::json::parse(result.out),
            nlohmann::json::parse(R"({"tracks_considered":12,"features_found":9,"features_unknown":3,
              "features_failed":0,"track_tags":24,"artist_tags":9,"stopped":{}})"));
  EXPECT_NE(result.err.find("12 tracks considered"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find(LastfmFake::kApiKey), std::string::npos);
  EXPECT_EQ(lastfm_.requests().at(0).header("User-Agent").rfind("sonic/", 0), 0u);

  const auto again = sonic({"enrich", "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(nlohmann::json::parse(again.out)["tracks_considered"], 0);
  EXPECT_EQ(reccobeats_.request_count(), 1u);
  EXPECT_EQ(lastfm_.request_count(), 15u);
}

TEST_F(EnrichE2e, LimitAndServicesBoundTheRun) {
  import_history(10, 2);
  const auto result = sonic({"enrich", "--limit", "4", "--services", "reccobeats", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto tally = nlohmann::json::parse(result.out);
  EXPECT_EQ(tally["tracks_considered"], 4);
  EXPECT_EQ(tally["features_found"], 4);
  EXPECT_EQ(tally["stopped"], nlohmann::json::object());
  EXPECT_EQ(lastfm_.request_count(), 0u);
  EXPECT_EQ(reccobeats_.asked_ids(), (std::vector<std::string>{tracks_[9].spotify_id, tracks_[8].spotify_id,
                                                               tracks_[7].spotify_id, tracks_[6].spotify_id}));
  EXPECT_EQ(sonic({"enrich", "--services", "lastfm,bogus"}).exit_code, 2);
}

TEST_F(EnrichE2e, WithoutAnApiKeyTagsAreSkippedWithANote) {
  import_history(3, 1);
  env_.erase("LASTFM_API_KEY");
  const auto result = sonic({"enrich", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto tally = nlohmann::json::parse(result.out);
  EXPECT_EQ(tally["features_found"], 3);
  EXPECT_EQ(tally["stopped"]["lastfm"]["reason"], "no_api_key");
  EXPECT_NE(result.err.find("LASTFM_API_KEY is not set"), std::string::npos) << result.err;
  EXPECT_EQ(lastfm_.request_count(), 0u);
}

TEST_F(EnrichE2e, ARejectedKeyExitsTwoAndNeverShowsTheKey) {
  import_history(3, 1);
  const std::string key = "wrong-key-77a1b2c3d4";
  env_["LASTFM_API_KEY"] = key;
  const auto result = sonic({"--log-level", "trace", "enrich", "--json"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("check LASTFM_API_KEY"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find(key), std::string::npos) << result.err;
  EXPECT_EQ(result.out.find(key), std::string::npos) << result.out;
  EXPECT_EQ(nlohmann::json::parse(result.out)["features_found"], 3);  // ReccoBeats' work is kept
}

TEST_F(EnrichE2e, RateLimitedExitsFiveAndTheNextRunLeavesTheServiceAlone) {
  import_history(5, 1);
  reccobeats_.faults().set_retry_after("7200");
  reccobeats_.faults().add(Fault::rate_limited);
  const auto result = sonic({"enrich", "--services", "reccobeats", "--json"});
  EXPECT_EQ(result.exit_code, 5) << result.err;
  const auto tally = nlohmann::json::parse(result.out);
  EXPECT_EQ(tally["stopped"]["reccobeats"]["reason"], "rate_limited");
  EXPECT_TRUE(tally["stopped"]["reccobeats"].contains("retry_at"));
  const auto again = sonic({"enrich", "--services", "reccobeats"});
  EXPECT_EQ(again.exit_code, 5) << again.err;
  EXPECT_NE(again.err.find("backed off until"), std::string::npos) << again.err;
  EXPECT_EQ(reccobeats_.request_count(), 1u);
}

TEST_F(EnrichE2e, UnreachableServiceExitsSix) {
  import_history(2, 1);
  RefusingPort nobody;
  env_["RECCOBEATS_URL"] = nobody.url();
  const auto result = sonic({"enrich", "--services", "reccobeats", "--json"});
  EXPECT_EQ(result.exit_code, 6) << result.err;
  EXPECT_EQ(nlohmann::json::parse(result.out)["stopped"]["reccobeats"]["reason"], "network");
}

TEST_F(EnrichE2e, NoStoreYetIsABadUsageWithTheWayOut) {
  const auto result = sonic({"enrich"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("sonic import"), std::string::npos) << result.err;
}

// Killed at any point, then run again: nothing that was recorded is asked twice, and in the end
// every track and artist has exactly one answer from each service.
TEST_F(EnrichE2e, KilledMidRunThenRunAgainEnrichesEveryTrackExactlyOnce) {
  constexpr int kTracks = 120;
  constexpr int kArtists = 12;
  import_history(kTracks, kArtists);
  reccobeats_.faults().set_delay(milliseconds(300));
  lastfm_.faults().set_delay(milliseconds(40));

  RunOptions kill;
  kill.kill_after_ms = 2000;
  const auto killed = sonic({"enrich"}, kill);
  ASSERT_EQ(killed.exit_code, 128 + SIGKILL) << "finished before the kill: slow the fakes down";

  std::set<std::string> features_recorded;
  std::set<std::string> tags_recorded;
  {
    auto db = store();
    EXPECT_EQ(db.scalar("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
    auto rows = db.prepare(
        "SELECT t.spotify_id, e.service, a.name, t.name FROM track_enrichment e "
        "JOIN tracks t ON t.id = e.track_id JOIN artists a ON a.id = t.artist_id");
    while (rows.step()) {
      if (rows.text(1) == "reccobeats") features_recorded.insert(rows.text(0));
      if (rows.text(1) == "lastfm") tags_recorded.insert("track:" + rows.text(2) + "|" + rows.text(3));
    }
    auto artists = db.prepare("SELECT a.name FROM artist_enrichment e JOIN artists a ON a.id = e.artist_id");
    while (artists.step()) tags_recorded.insert("artist:" + artists.text(0));
  }
  ASSERT_FALSE(features_recorded.empty()) << "killed before anything was committed";
  ASSERT_LT(tags_recorded.size(), std::size_t{kTracks + kArtists}) << "killed too late";
  const std::size_t features_asked_before = reccobeats_.asked_ids().size();
  const std::size_t tags_asked_before = lastfm_.asked().size();

  const auto finished = sonic({"enrich", "--json"});
  ASSERT_EQ(finished.exit_code, 0) << finished.err;

  const auto features_asked = reccobeats_.asked_ids();
  for (std::size_t i = features_asked_before; i < features_asked.size(); ++i) {
    EXPECT_FALSE(features_recorded.contains(features_asked[i])) << features_asked[i] << " asked twice";
  }
  const auto tags_asked = lastfm_.asked();
  for (std::size_t i = tags_asked_before; i < tags_asked.size(); ++i) {
    EXPECT_FALSE(tags_recorded.contains(tags_asked[i])) << tags_asked[i] << " asked twice";
  }
  auto db = store();
  EXPECT_EQ(db.scalar("SELECT count(*) FROM track_enrichment WHERE service = 'reccobeats' AND status = 'found'"),
            kTracks);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM track_enrichment WHERE service = 'lastfm' AND status = 'found'"), kTracks);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM artist_enrichment WHERE status = 'found'"), kArtists);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM audio_features WHERE source = 'reccobeats'"), kTracks);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM track_tags"), 2 * kTracks);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM artist_tags"), 3 * kArtists);
}

}  // namespace
}  // namespace sonic::testing
