// ReccoBeats GET /v1/track/recommendation against the fake: seeds and targets on the wire, the
// reply read back, unknown seeds and empty answers, and every transport fault.
#include <gtest/gtest.h>

#include "fakes/fake_clock.hpp"
#include "fakes/reccobeats_fake.hpp"
#include "sonic/sources/reccobeats_client.hpp"

namespace sonic::sources {
namespace {

using std::chrono::milliseconds;
using testing::Fault;

const std::string kSeedA = "4uLU6hMCjMI75M1A2tKUQC";
const std::string kSeedB = "7ouMYWpwJ422jRcDASZB7P";
const std::string kNewOne = "3n3Ppam7vgaVa1iaRUc9Lp";
const std::string kNewTwo = "0VjIjW4GlUZAMYd2vXMi3b";

class ReccoBeatsRecommendationTest : public ::testing::Test {
 protected:
  static net::HttpSettings settings() {
    auto http = reccobeats_http_settings(milliseconds(0));
    // Long enough that a loaded machine's loopback reply never times out by accident (300 ms
    // did, under a load of 14), short of the 2 s a timeout fault holds its reply.
    http.total_timeout = milliseconds(1000);
    return http;
  }
  void SetUp() override {
    fake.add_recommendations(kSeedA,
                             {{kNewOne, "Mr. Brightside", "The Killers"}, {kNewTwo, "Blinding Lights", "The Weeknd"}});
  }
  testing::ReccoBeatsFake fake;  // first: outlives the client's kept-alive connection
  testing::FakeClock clock;
  ReccoBeatsClient client{fake.base_url(), settings(), clock};
  std::vector<RecommendedTrack> expected{{kNewOne, "Mr. Brightside", "The Killers"},
                                         {kNewTwo, "Blinding Lights", "The Weeknd"}};
};

TEST_F(ReccoBeatsRecommendationTest, SendsSizeSeedsAndTargetsAndReadsTracksInOrder) {
  const std::vector<std::string> seeds{kSeedA, kSeedB, kSeedA, "not-an-id"};
  EXPECT_EQ(client.recommendations(seeds, 20, {.energy = 0.75}), expected);
  const auto request = fake.requests().at(0);
  EXPECT_EQ(request.path, "/v1/track/recommendation");
  EXPECT_EQ(request.query_value("size"), "20");
  EXPECT_EQ(request.query_value("seeds"), kSeedA + "," + kSeedB);  // repeats and bad IDs left out
  EXPECT_EQ(std::stod(request.query_value("energy")), 0.75);
  EXPECT_EQ(request.query_value("valence"), "");  // unset targets are not sent
  EXPECT_EQ(request.header("Accept"), "application/json");
}

TEST_F(ReccoBeatsRecommendationTest, AtMostFiveSeedsAndSizeWithinOneToHundred) {
  std::vector<std::string> seeds{kSeedA};
  for (int i = 0; i < 6; ++i) seeds.push_back(std::string(21, 'a') + static_cast<char>('0' + i));
  EXPECT_EQ(client.recommendations(seeds, 500), expected);
  const auto request = fake.requests().at(0);
  const std::string sent = request.query_value("seeds");
  EXPECT_EQ(std::count(sent.begin(), sent.end(), ','), 4);
  EXPECT_EQ(request.query_value("size"), "100");
  EXPECT_EQ(client.recommendations(std::vector<std::string>{kSeedA}, 1).size(), 1u);
}

TEST_F(ReccoBeatsRecommendationTest, NoValidSeedAsksNothingAndAnUnknownSeedIsEmpty) {
  EXPECT_TRUE(client.recommendations(std::vector<std::string>{"x", ""}, 10).empty());
  EXPECT_EQ(fake.request_count(), 0u);
  EXPECT_TRUE(client.recommendations(std::vector<std::string>{kSeedB}, 10).empty());  // the fake's 404
  fake.add_recommendations(kSeedB, {});
  EXPECT_TRUE(client.recommendations(std::vector<std::string>{kSeedB}, 10).empty());  // 200, "content":[]
  EXPECT_EQ(fake.request_count(), 2u);
}

TEST_F(ReccoBeatsRecommendationTest, AHrefNamingNoSpotifyTrackLeavesTheIdEmpty) {
  fake.add_recommendations(kSeedB, {{"", "Untitled", "Somebody"}, {kNewOne, "Mr. Brightside", "The Killers"}});
  EXPECT_EQ(client.recommendations(std::vector<std::string>{kSeedB}, 10),
            (std::vector<RecommendedTrack>{{"", "Untitled", "Somebody"}, {kNewOne, "Mr. Brightside", "The Killers"}}));
}

TEST_F(ReccoBeatsRecommendationTest, RateLimitIsWaitedOutAndPastTheCapReported) {
  fake.faults().set_retry_after("2");
  fake.faults().add(Fault::rate_limited);
  EXPECT_EQ(client.recommendations(std::vector<std::string>{kSeedA}, 10), expected);
  EXPECT_EQ(clock.sleeps(), std::vector<milliseconds>{milliseconds(2000)});
  fake.faults().set_retry_after("3600");
  fake.faults().add(Fault::rate_limited);
  EXPECT_THROW(client.recommendations(std::vector<std::string>{kSeedA}, 10), net::RateLimitedError);
}

TEST_F(ReccoBeatsRecommendationTest, ServerErrorsTimeoutsAndTruncatedBodiesAreRetried) {
  fake.faults().set_timeout_delay(milliseconds(2000));
  fake.faults().add(Fault::server_error);
  fake.faults().add(Fault::timeout);
  fake.faults().add(Fault::truncated);
  EXPECT_EQ(client.recommendations(std::vector<std::string>{kSeedA}, 10), expected);
  EXPECT_EQ(fake.request_count(), 4u);
  fake.faults().add(Fault::server_error, 4);
  EXPECT_THROW(client.recommendations(std::vector<std::string>{kSeedA}, 10), net::HttpStatusError);
  fake.faults().add(Fault::timeout, 4);
  EXPECT_THROW(client.recommendations(std::vector<std::string>{kSeedA}, 10), net::NetworkError);
}

TEST(ReccoBeatsRecommendationReply, MalformedRepliesAreInputErrorsNamingThePlace) {
  testing::StubServer server;
  testing::FakeClock clock;
  ReccoBeatsClient client(server.url(), reccobeats_http_settings(milliseconds(0)), clock);
  const auto message_for = [&](const nlohmann::json& body) -> std::string {
    server.script("GET", "/v1/track/recommendation", {testing::StubReply::json(body)});
    try {
      client.recommendations(std::vector<std::string>{kSeedA}, 5);
    } catch (const InputError& error) {
      return error.what();
    }
    return "no error";
  };
  const auto has = [](const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
  };
  EXPECT_PRED2(has, message_for({{"items", nlohmann::json::array()}}), "the reply has no 'content' list");
  EXPECT_PRED2(has, message_for({{"content", {1}}}), "content[0] should be an object, found number");
  EXPECT_PRED2(has, message_for({{"content", {{{"artists", nlohmann::json::array()}}}}}),
               "content[0] has no 'trackTitle' text");
  EXPECT_PRED2(has, message_for({{"content", {{{"trackTitle", "T"}, {"artists", "A"}}}}}),
               "content[0] has no 'artists' list");
  EXPECT_PRED2(has, message_for({{"content", {{{"trackTitle", "T"}, {"artists", {1}}}}}}),
               "content[0].artists[0] has no 'name' text");
  EXPECT_EQ(message_for({{"content", nlohmann::json::array()}}), "no error");
}

}  // namespace
}  // namespace sonic::sources
