// The discover pool's sources against the Last.fm and ReccoBeats fakes, on a real SQLite file:
// what each answer becomes, the 30-day cache (a re-run asks nothing twice), and one line for
// whatever could not be asked, with what was answered before a failure kept.
#include "sonic/pipeline/discover_sources.hpp"

#include <gtest/gtest.h>

#include "fakes/fake_clock.hpp"
#include "fakes/lastfm_fake.hpp"
#include "fakes/reccobeats_fake.hpp"
#include "sonic/store/schema.hpp"
#include "support/temp_dir.hpp"

namespace sonic::pipeline {
namespace {

using std::chrono::milliseconds;
constexpr std::int64_t kDay = 86'400'000;
const std::string kSeedId = "4uLU6hMCjMI75M1A2tKUQC";
const std::string kNewId = "3n3Ppam7vgaVa1iaRUc9Lp";

class DiscoverSourcesTest : public ::testing::Test {
 protected:
  DiscoverSourcesTest() : db(store::Database::open(dir / "sonic.db")) {
    store::migrate(db);
    lastfm.add_similar_artists("Radiohead", {{"Portishead", "", 0.5}});
    lastfm.add_similar_tracks("Radiohead", "Creep", {{"Muse", "Unintended", 0.75}});
    reccobeats.add_recommendations(kSeedId, {{kNewId, "Mr. Brightside", "The Killers"}, {"", "Demo", "Nobody"}});
  }
  DiscoverSettings settings(std::string key = testing::LastfmFake::kApiKey) {
    DiscoverSettings result;
    result.endpoints.lastfm = lastfm.base_url();
    result.endpoints.reccobeats = reccobeats.base_url();
    result.lastfm_api_key = std::move(key);
    result.now_ms = testing::FakeClock::kDefaultStartMs;
    result.clock = &clock;
    result.min_interval = milliseconds(0);
    // No test here waits for a timeout; a short one only made a loaded machine's slow loopback reply
    // look like a failed source (a flaky count of requests).
    result.total_timeout = milliseconds(10'000);
    return result;
  }
  std::size_t asked() const { return lastfm.request_count() + reccobeats.request_count(); }

  testing::LastfmFake lastfm;
  testing::ReccoBeatsFake reccobeats;
  testing::FakeClock clock;
  testing::TempDir dir;
  store::Database db;
  const taste::DiscoverSeeds seeds{{{"Radiohead", 0.8}}, {{"Radiohead", "Creep", kSeedId, 0.5}}};
};

TEST_F(DiscoverSourcesTest, EachAnswerBecomesEvidenceWeighedByItsSeed) {
  const auto answer = ask_discover_sources(db, settings(), seeds);
  EXPECT_EQ(answer.skipped.size(), 0u) << answer.skipped.at(0);
  ASSERT_EQ(answer.evidence.size(), 4u);
  const auto& artist = answer.evidence[0];
  EXPECT_EQ(artist.artist, "Portishead");
  EXPECT_EQ(artist.track, "");
  EXPECT_EQ(artist.because, "similar to Radiohead on Last.fm");
  EXPECT_DOUBLE_EQ(artist.match * artist.seed_weight, 0.4);
  const auto& track = answer.evidence[1];
  EXPECT_EQ(track.track, "Unintended");
  EXPECT_EQ(track.because, "like Creep by Radiohead on Last.fm");
  EXPECT_DOUBLE_EQ(track.match * track.seed_weight, 0.375);
  // ReccoBeats gives an order: the first of two counts 1, the second 1/2, times the seeds' mean.
  EXPECT_EQ(answer.evidence[2].spotify_id, kNewId);
  EXPECT_EQ(answer.evidence[2].because, "like your top tracks on ReccoBeats");
  EXPECT_DOUBLE_EQ(answer.evidence[2].match * answer.evidence[2].seed_weight, 0.5);
  EXPECT_EQ(answer.evidence[3].spotify_id, "");
  EXPECT_DOUBLE_EQ(answer.evidence[3].match * answer.evidence[3].seed_weight, 0.25);
  EXPECT_EQ(asked(), 3u);
}

TEST_F(DiscoverSourcesTest, ARerunWithinThirtyDaysAsksNothingTwice) {
  const auto first = ask_discover_sources(db, settings(), seeds);
  const std::size_t after_first = asked();
  auto later = settings();
  later.now_ms += 29 * kDay;
  const auto second = ask_discover_sources(db, later, seeds);
  EXPECT_EQ(asked(), after_first);
  ASSERT_EQ(second.evidence.size(), first.evidence.size());
  for (std::size_t i = 0; i < first.evidence.size(); ++i) {
    EXPECT_EQ(second.evidence[i].track, first.evidence[i].track);
    EXPECT_DOUBLE_EQ(second.evidence[i].match, first.evidence[i].match);
  }
  // Offline, the cache still answers.
  later.offline = true;
  EXPECT_EQ(ask_discover_sources(db, later, seeds).evidence.size(), first.evidence.size());
  // Past 30 days every answer is asked again.
  later.offline = false;
  later.now_ms += 2 * kDay;
  ask_discover_sources(db, later, seeds);
  EXPECT_EQ(asked(), 2 * after_first);
}

TEST_F(DiscoverSourcesTest, UnknownSeedsAreCachedAsUnknown) {
  const taste::DiscoverSeeds strangers{{{"Nobody", 1.0}}, {}};
  EXPECT_TRUE(ask_discover_sources(db, settings(), strangers).evidence.empty());  // error 6
  EXPECT_EQ(lastfm.request_count(), 1u);
  ask_discover_sources(db, settings(), strangers);
  EXPECT_EQ(lastfm.request_count(), 1u);
}

TEST_F(DiscoverSourcesTest, WithoutKeyOrNetworkOneLineSaysSo) {
  const auto no_key = ask_discover_sources(db, settings(""), seeds);
  ASSERT_EQ(no_key.skipped.size(), 1u);
  EXPECT_EQ(no_key.skipped[0],
            "discover: Last.fm skipped (LASTFM_API_KEY is not set); no imported catalog to draw from");
  EXPECT_EQ(lastfm.request_count(), 0u);
  EXPECT_EQ(reccobeats.request_count(), 1u);  // needs no key
  auto offline = settings();
  offline.offline = true;
  const taste::DiscoverSeeds fresh{{{"Someone", 1.0}}, {{"Someone", "Song", "7ouMYWpwJ422jRcDASZB7P", 1.0}}};
  const auto answer = ask_discover_sources(db, offline, fresh);
  ASSERT_EQ(answer.skipped.size(), 1u);
  EXPECT_EQ(answer.skipped[0],
            "discover: Last.fm skipped (--offline); ReccoBeats skipped (--offline); no imported catalog to draw from");
  EXPECT_EQ(asked(), 1u);
}

TEST_F(DiscoverSourcesTest, AFailingServiceStopsWithOneLineAndTheOtherStillAnswers) {
  lastfm.inject_error(29, 4);  // the first call's attempts: rate limited throughout
  const taste::DiscoverSeeds two{{{"Radiohead", 0.8}, {"Blur", 0.2}}, {{"Radiohead", "Creep", kSeedId, 0.5}}};
  const auto answer = ask_discover_sources(db, settings(), two);
  ASSERT_EQ(answer.skipped.size(), 1u);
  EXPECT_NE(answer.skipped[0].find("Last.fm stopped: "), std::string::npos) << answer.skipped[0];
  EXPECT_NE(answer.skipped[0].find("error 29"), std::string::npos) << answer.skipped[0];
  EXPECT_EQ(answer.skipped[0].find(testing::LastfmFake::kApiKey), std::string::npos);
  EXPECT_EQ(lastfm.request_count(), 4u);  // nothing more asked after the failure
  ASSERT_EQ(answer.evidence.size(), 2u);  // ReccoBeats' two
  // The failure cached nothing: the next run asks Last.fm again.
  ask_discover_sources(db, settings(), two);
  EXPECT_EQ(lastfm.request_count(), 4u + 3u);
}

TEST_F(DiscoverSourcesTest, ServerErrorsAndMalformedRepliesStopTheServiceNotTheRun) {
  reccobeats.faults().add(testing::Fault::server_error, 4);
  const auto answer = ask_discover_sources(db, settings(), seeds);
  ASSERT_EQ(answer.skipped.size(), 1u);
  EXPECT_NE(answer.skipped[0].find("ReccoBeats stopped: "), std::string::npos) << answer.skipped[0];
  EXPECT_EQ(answer.evidence.size(), 2u);  // Last.fm's
}

}  // namespace
}  // namespace sonic::pipeline
