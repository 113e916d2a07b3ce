// The ReccoBeats client against the fake: mapping by href, batching, duplicates and every fault
// through the real HTTP layer. Waits between attempts go to a fake clock.
#include "sonic/sources/reccobeats_client.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "fakes/fake_clock.hpp"
#include "fakes/reccobeats_fake.hpp"
#include "support/synthetic_history.hpp"

namespace sonic::sources {
namespace {

using sonic::sources::AudioFeature;

using std::chrono::milliseconds;
using testing::Fault;

std::vector<std::string> ids_of(int count) {
  std::vector<std::string> ids;
  for (const auto& track : testing::synthetic_tracks(count, 1)) ids.push_back(track.spotify_id);
  return ids;
}

void expect_features(const AudioFeatures& got, const nlohmann::json& served) {
  EXPECT_DOUBLE_EQ(*got[AudioFeature::energy], served["energy"].get<double>());
  EXPECT_DOUBLE_EQ(*got[AudioFeature::valence], served["valence"].get<double>());
  EXPECT_DOUBLE_EQ(*got[AudioFeature::tempo], served["tempo"].get<double>());
  EXPECT_DOUBLE_EQ(*got[AudioFeature::loudness], served["loudness"].get<double>());
  EXPECT_EQ(*got[AudioFeature::mode], served["mode"].get<double>());
}

class ReccoBeatsClientTest : public ::testing::Test {
 protected:
  net::HttpSettings settings(milliseconds interval = milliseconds(0)) {
    auto http = reccobeats_http_settings(interval);
    // Long enough that a loaded machine's loopback reply never times out by accident (300 ms
    // did, under a load of 14), short of the 2 s a timeout fault holds its reply.
    http.total_timeout = milliseconds(1000);
    return http;
  }
  testing::ReccoBeatsFake fake;  // first: outlives the client's kept-alive connection
  testing::FakeClock clock;
  ReccoBeatsClient client{fake.base_url(), settings(), clock};
};

TEST_F(ReccoBeatsClientTest, MapsShuffledPartialRepliesBackByHref) {
  const auto ids = ids_of(9);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i % 3 != 1) fake.add_track(ids[i]);  // 1, 4 and 7 are unknown to ReccoBeats
  }
  fake.shuffle_replies(7);
  const auto found = client.audio_features(ids);
  ASSERT_EQ(found.size(), 6u);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i % 3 == 1) {
      EXPECT_FALSE(found.contains(ids[i])) << ids[i];
    } else {
      ASSERT_TRUE(found.contains(ids[i])) << ids[i];
      expect_features(found.at(ids[i]), fake.features_of(ids[i]));
    }
  }
  // One call with every ID, literally comma-separated, and the JSON Accept header; no auth.
  ASSERT_EQ(fake.asked_batches().size(), 1u);
  EXPECT_EQ(fake.asked_batches().front(), ids);
}

TEST_F(ReccoBeatsClientTest, AsksWithLiteralCommasAcceptJsonAndNoAuthorization) {
  const auto ids = ids_of(2);
  client.audio_features(ids);
  const auto request = fake.requests().at(0);
  EXPECT_EQ(request.path, "/v1/audio-features");
  EXPECT_EQ(request.raw_query, "ids=" + ids[0] + "," + ids[1]);
  EXPECT_EQ(request.header("Accept"), "application/json");
  EXPECT_EQ(request.header("Authorization"), "");
}

TEST_F(ReccoBeatsClientTest, ARecordWithNoFeaturesAtAllMeansUnknown) {
  const auto id = ids_of(1)[0];
  fake.add_track(id, {{"energy", nullptr}, {"key", -1}});
  EXPECT_TRUE(client.audio_features(ids_of(1)).empty());
}

TEST_F(ReccoBeatsClientTest, NinetyFiveIdsMakeThreeCallsOfAtMostForty) {
  const auto ids = ids_of(95);
  for (const auto& id : ids) fake.add_track(id);
  const auto found = client.audio_features(ids);
  EXPECT_EQ(found.size(), 95u);
  const auto batches = fake.asked_batches();
  ASSERT_EQ(batches.size(), 3u);
  EXPECT_EQ(batches[0].size(), 40u);
  EXPECT_EQ(batches[1].size(), 40u);
  EXPECT_EQ(batches[2].size(), 15u);
  EXPECT_EQ(fake.asked_ids(), ids);  // each once, in order
}

TEST_F(ReccoBeatsClientTest, CallsArePacedByTheMinimumInterval) {
  ReccoBeatsClient paced(fake.base_url(), settings(milliseconds(250)), clock);
  const auto ids = ids_of(81);
  paced.audio_features(ids);
  EXPECT_EQ(clock.sleeps(), (std::vector<milliseconds>{milliseconds(250), milliseconds(250)}));
}

TEST_F(ReccoBeatsClientTest, RepeatedAndMalformedIdsAreNotSent) {
  const auto ids = ids_of(2);
  fake.add_track(ids[0]);
  const std::vector<std::string> asked = {ids[0], "not-an-id", ids[1], ids[0], "a,b", ""};
  const auto found = client.audio_features(asked);
  EXPECT_EQ(found.size(), 1u);
  ASSERT_EQ(fake.asked_batches().size(), 1u);
  EXPECT_EQ(fake.asked_batches().front(), ids);
  EXPECT_TRUE(client.audio_features(std::vector<std::string>{"bad"}).empty());
  EXPECT_EQ(fake.request_count(), 1u);  // nothing valid left to ask
}

TEST_F(ReccoBeatsClientTest, KeyMinusOneIsUndetectedAndMissingFieldsAreAbsent) {
  const auto id = ids_of(1)[0];
  fake.add_track(id, {{"energy", 0.5}, {"key", -1}, {"mode", 0}, {"valence", nullptr}});
  const auto features = client.audio_features(ids_of(1)).at(id);
  EXPECT_EQ(features[AudioFeature::key], std::nullopt);
  EXPECT_EQ(features[AudioFeature::mode], 0);
  EXPECT_EQ(features[AudioFeature::energy], 0.5);
  EXPECT_EQ(features[AudioFeature::valence], std::nullopt);
  EXPECT_EQ(features[AudioFeature::tempo], std::nullopt);
}

TEST_F(ReccoBeatsClientTest, DuplicateRecordsResolveTheSameWhateverTheOrder) {
  const auto ids = ids_of(2);
  const nlohmann::json full = {{"energy", 0.9}, {"valence", 0.1}, {"key", 3}};
  const nlohmann::json partial = {{"energy", 0.2}};
  // Track 0: the more complete record wins, though its UUID sorts last.
  fake.add_track(ids[0], partial);
  fake.add_duplicate(ids[0], "ffffffff-0000-4000-8000-000000000000", full);
  // Track 1: equally complete records: the smaller ReccoBeats id wins.
  fake.add_duplicate(ids[1], "bbbbbbbb-0000-4000-8000-000000000000", {{"energy", 0.7}});
  fake.add_duplicate(ids[1], "aaaaaaaa-0000-4000-8000-000000000000", {{"energy", 0.3}});
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    fake.shuffle_replies(seed);
    const auto found = client.audio_features(ids);
    EXPECT_EQ(found.at(ids[0])[AudioFeature::energy], 0.9) << "seed " << seed;
    EXPECT_EQ(found.at(ids[0])[AudioFeature::key], 3) << "seed " << seed;
    EXPECT_EQ(found.at(ids[1])[AudioFeature::energy], 0.3) << "seed " << seed;
  }
}

TEST_F(ReccoBeatsClientTest, RateLimitWithShortRetryAfterIsWaitedOut) {
  fake.add_track(ids_of(1)[0]);
  fake.faults().set_retry_after("2");
  fake.faults().add(Fault::rate_limited);
  EXPECT_EQ(client.audio_features(ids_of(1)).size(), 1u);
  EXPECT_EQ(clock.sleeps(), std::vector<milliseconds>{milliseconds(2000)});
  EXPECT_EQ(fake.request_count(), 2u);
}

TEST_F(ReccoBeatsClientTest, RateLimitPastTheCapSaysWhenToComeBack) {
  fake.faults().set_retry_after("3600");
  fake.faults().add(Fault::rate_limited);
  try {
    client.audio_features(ids_of(1));
    FAIL() << "expected a RateLimitedError";
  } catch (const net::RateLimitedError& error) {
    EXPECT_EQ(error.code(), ExitCode::rate_limited);
    EXPECT_EQ(error.retry_at_ms(), testing::FakeClock::kDefaultStartMs + 3'600'000);
  }
  EXPECT_EQ(fake.request_count(), 1u);
  EXPECT_TRUE(clock.sleeps().empty());
}

TEST_F(ReccoBeatsClientTest, ServerErrorsAreRetriedThenSucceed) {
  fake.add_track(ids_of(1)[0]);
  fake.faults().add(Fault::server_error, 2);
  EXPECT_EQ(client.audio_features(ids_of(1)).size(), 1u);
  EXPECT_EQ(fake.request_count(), 3u);
}

TEST_F(ReccoBeatsClientTest, ServerErrorsThatOutlastTheRetriesMeanTheServiceIsDown) {
  fake.faults().add(Fault::server_error, 10);
  try {
    client.audio_features(ids_of(1));
    FAIL() << "expected an HttpStatusError";
  } catch (const net::HttpStatusError& error) {
    EXPECT_EQ(error.status(), 500);
    EXPECT_EQ(error.code(), ExitCode::network);
  }
  EXPECT_EQ(fake.request_count(), 4u);  // 1 + 3 retries
}

TEST_F(ReccoBeatsClientTest, TimeoutIsRetried) {
  fake.add_track(ids_of(1)[0]);
  fake.faults().set_timeout_delay(milliseconds(2000));
  fake.faults().add(Fault::timeout);
  EXPECT_EQ(client.audio_features(ids_of(1)).size(), 1u);
  EXPECT_EQ(fake.request_count(), 2u);
}

TEST_F(ReccoBeatsClientTest, TimeoutsThatOutlastTheRetriesAreANetworkError) {
  fake.faults().set_timeout_delay(milliseconds(2000));
  fake.faults().add(Fault::timeout, 4);
  EXPECT_THROW(client.audio_features(ids_of(1)), net::NetworkError);
}

TEST_F(ReccoBeatsClientTest, TruncatedBodyIsRetried) {
  const auto ids = ids_of(5);
  for (const auto& id : ids) fake.add_track(id);
  fake.faults().add(Fault::truncated);
  EXPECT_EQ(client.audio_features(ids).size(), 5u);
  EXPECT_EQ(fake.request_count(), 2u);
}

TEST(ReccoBeatsReply, MalformedRepliesAreInputErrorsNamingThePlace) {
  testing::StubServer server;
  testing::FakeClock clock;
  ReccoBeatsClient client(server.url(), reccobeats_http_settings(milliseconds(0)), clock);
  const auto id = ids_of(1)[0];
  const auto message_for = [&](const nlohmann::json& body) -> std::string {
    server.script("GET", "/v1/audio-features", {testing::StubReply::json(body)});
    try {
      client.audio_features(std::vector<std::string>{id});
    } catch (const InputError& error) {
      return error.what();
    }
    return "no error";
  };
  const std::string href = "https://open.spotify.com/track/" + id;
  EXPECT_NE(message_for({{"items", nlohmann::json::array()}}).find("no 'content' list"), std::string::npos);
  EXPECT_NE(message_for({{"content", {{{"href", href}, {"energy", "high"}}}}})
                .find("content[0].energy should be a number, found string"),
            std::string::npos);
  EXPECT_NE(message_for({{"content", {{{"href", href}, {"key", 12}}}}})
                .find("content[0].key should be a whole number from -1 to 11, found 12"),
            std::string::npos);
  EXPECT_NE(message_for({{"content", {42}}}).find("content[0] should be an object"), std::string::npos);
  // A record naming a track that was not asked, or none at all, is no error: it is ignored.
  EXPECT_EQ(message_for(
                {{"content", {{{"href", "https://open.spotify.com/track/other"}, {"energy", 1}}, {{"energy", 0.5}}}}}),
            "no error");
}

}  // namespace
}  // namespace sonic::sources
