// The Last.fm client against the fake: the request on the wire, tag shapes, errors inside HTTP
// 200 and the transport faults, and the API key kept out of every log line and message.
#include "sonic/sources/lastfm_client.hpp"

#include <gtest/gtest.h>

#include "fakes/fake_clock.hpp"
#include "fakes/lastfm_fake.hpp"
#include "fakes/refusing_port.hpp"
#include "sonic/net/url_encoding.hpp"
#include "support/log_capture.hpp"

namespace sonic::sources {
namespace {

using std::chrono::milliseconds;
using testing::Fault;
using testing::LastfmFake;

std::vector<TopTag> tags(std::vector<TopTag> list) { return list; }

class LastfmClientTest : public ::testing::Test {
 protected:
  static net::HttpSettings settings() {
    auto http = lastfm_http_settings(milliseconds(0));
    // Long enough that a loaded machine's loopback reply never times out by accident (300 ms
    // did, under a load of 14), short of the 2 s a timeout fault holds its reply.
    http.total_timeout = milliseconds(1000);
    return http;
  }
  LastfmClient client_with_key(const std::string& key) { return LastfmClient(fake.base_url(), key, settings(), clock); }
  LastfmFake fake;  // first: outlives the client's kept-alive connection
  testing::FakeClock clock;
  LastfmClient client{fake.base_url(), LastfmFake::kApiKey, settings(), clock};
};

TEST_F(LastfmClientTest, TrackTopTagsAsksWithTheDocumentedQuery) {
  fake.add_track("AC/DC", "Hells Bells", {{"hard rock", 100}, {"rock", 58}, {"80s", 12}});
  EXPECT_EQ(client.track_top_tags("AC/DC", "Hells Bells"), tags({{"hard rock", 100}, {"rock", 58}, {"80s", 12}}));
  const auto request = fake.requests().at(0);
  EXPECT_EQ(request.path, "/2.0/");
  EXPECT_EQ(request.query_value("method"), "track.getTopTags");
  EXPECT_EQ(request.query_value("artist"), "AC/DC");
  EXPECT_EQ(request.query_value("track"), "Hells Bells");
  EXPECT_EQ(request.query_value("autocorrect"), "1");
  EXPECT_EQ(request.query_value("format"), "json");
  EXPECT_EQ(request.query_value("api_key"), LastfmFake::kApiKey);
  EXPECT_EQ(request.header("User-Agent").rfind("sonic/", 0), 0u) << request.header("User-Agent");
  EXPECT_NE(request.header("User-Agent").find("("), std::string::npos);  // says what it is
}

TEST_F(LastfmClientTest, ArtistTopTags) {
  fake.add_artist("Audioslave", {{"grunge", 100}, {"alternative rock", 87}});
  EXPECT_EQ(client.artist_top_tags("Audioslave"), tags({{"grunge", 100}, {"alternative rock", 87}}));
  EXPECT_EQ(fake.asked(), std::vector<std::string>{"artist:Audioslave"});
}

TEST_F(LastfmClientTest, ALoneTagMayBeAnObjectAndCountsMayBeStrings) {
  fake.add_track("Solo", "One", {{"ambient", 100}});
  fake.add_track("Many", "Two", {{"jazz", 40}, {"blues", 90}});
  fake.lone_tag_as_object(true);
  fake.counts_as_strings(true);
  EXPECT_EQ(client.track_top_tags("Solo", "One"), tags({{"ambient", 100}}));
  EXPECT_EQ(client.track_top_tags("Many", "Two"), tags({{"blues", 90}, {"jazz", 40}}));
}

TEST_F(LastfmClientTest, TagNamesAreTrimmedLowerCasedAndMergedAtTheirHighestCount) {
  fake.add_track("A", "B", {{"Rock", 40}, {" rock ", 70}, {"Indie Pop", 70}, {"", 5}});
  EXPECT_EQ(client.track_top_tags("A", "B"), tags({{"indie pop", 70}, {"rock", 70}}));
}

TEST_F(LastfmClientTest, NotFoundIsUnknownButNoTagsIsKnown) {
  EXPECT_EQ(client.track_top_tags("Nobody", "Nothing"), std::nullopt);  // error 6 in HTTP 200
  EXPECT_EQ(client.artist_top_tags("Nobody"), std::nullopt);
  fake.unknown_track_as_no_tags(true);
  EXPECT_EQ(client.track_top_tags("Nobody", "Nothing"), tags({}));  // 200 with "tag":[]
  EXPECT_TRUE(clock.sleeps().empty());
}

TEST_F(LastfmClientTest, NotFoundInsideAnHttp400IsUnknownToo) {
  testing::StubServer server;
  server.script("GET", "/2.0/", {testing::StubReply::json({{"error", 6}, {"message", "Track not found"}}, 400)});
  LastfmClient direct(server.url(), "some-key-123456", settings(), clock);
  EXPECT_EQ(direct.track_top_tags("a", "b"), std::nullopt);
}

TEST_F(LastfmClientTest, TemporaryErrorsInsideHttp200AreRetriedWithBackoff) {
  fake.add_track("A", "B", {{"rock", 100}});
  fake.inject_error(29);
  fake.inject_error(11);
  fake.inject_error(16);
  EXPECT_EQ(client.track_top_tags("A", "B"), tags({{"rock", 100}}));
  EXPECT_EQ(fake.request_count(), 4u);
  EXPECT_EQ(clock.sleeps().size(), 3u);
}

TEST_F(LastfmClientTest, RateLimitThatPersistsIsARateLimitedError) {
  fake.inject_error(29, 10);
  try {
    client.track_top_tags("A", "B");
    FAIL() << "expected a RateLimitedError";
  } catch (const net::RateLimitedError& error) {
    EXPECT_EQ(error.code(), ExitCode::rate_limited);
    EXPECT_GT(error.retry_at_ms(), clock.now_utc_ms());
    EXPECT_NE(std::string(error.what()).find("error 29"), std::string::npos) << error.what();
  }
  EXPECT_EQ(fake.request_count(), 4u);  // 1 + 3 retries
}

TEST_F(LastfmClientTest, ServiceOfflineThatPersistsMeansTryLater) {
  fake.inject_error(11, 10);
  try {
    client.track_top_tags("A", "B");
    FAIL() << "expected a LastfmError";
  } catch (const LastfmError& error) {
    EXPECT_EQ(error.code(), ExitCode::network);
    EXPECT_EQ(error.lastfm_code(), 11);
  }
}

TEST_F(LastfmClientTest, RateLimitAsHttp429IsTheHttpLayersToWaitOut) {
  fake.add_artist("A", {{"rock", 100}});
  fake.faults().add(Fault::rate_limited);
  EXPECT_EQ(client.artist_top_tags("A"), tags({{"rock", 100}}));
  EXPECT_EQ(clock.sleeps(), std::vector<milliseconds>{milliseconds(1000)});
  fake.faults().set_retry_after("86400");
  fake.faults().add(Fault::rate_limited);
  EXPECT_THROW(client.artist_top_tags("A"), net::RateLimitedError);
}

TEST_F(LastfmClientTest, ServerErrorsTimeoutsAndTruncatedBodiesAreRetried) {
  fake.add_artist("A", {{"rock", 100}});
  fake.faults().set_timeout_delay(milliseconds(2000));
  fake.faults().add(Fault::server_error);
  fake.faults().add(Fault::timeout);
  fake.faults().add(Fault::truncated);
  EXPECT_EQ(client.artist_top_tags("A"), tags({{"rock", 100}}));
  EXPECT_EQ(fake.request_count(), 4u);
}

TEST_F(LastfmClientTest, OtherErrorsAreNotRetried) {
  fake.inject_error(3);
  try {
    client.artist_top_tags("A");
    FAIL() << "expected a LastfmError";
  } catch (const LastfmError& error) {
    EXPECT_EQ(error.code(), ExitCode::unexpected);
    EXPECT_FALSE(error.key_rejected());
  }
  EXPECT_EQ(fake.request_count(), 1u);
}

TEST_F(LastfmClientTest, MalformedTagsAreInputErrorsNamingThePlace) {
  testing::StubServer server;
  LastfmClient direct(server.url(), "some-key-123456", settings(), clock);
  const auto message_for = [&](const nlohmann::json& body) -> std::string {
    server.script("GET", "/2.0/", {testing::StubReply::json(body)});
    try {
      direct.artist_top_tags("A");
    } catch (const InputError& error) {
      return error.what();
    }
    return "no error";
  };
  EXPECT_NE(message_for({{"toptags", {{"tag", {{{"name", "rock"}, {"count", "lots"}}}}}}})
                .find("toptags.tag[0].count should be a whole number from 0 to 100, found \"lots\""),
            std::string::npos);
  EXPECT_NE(message_for({{"toptags", {{"tag", {{{"name", "rock"}, {"count", 140}}}}}}}).find("found 140"),
            std::string::npos);
  EXPECT_NE(message_for({{"similar", 1}}).find("neither 'toptags' nor 'error'"), std::string::npos);
  EXPECT_NE(message_for({{"toptags", {{"tag", "rock"}}}}).find("toptags.tag should be a list"), std::string::npos);
  EXPECT_EQ(message_for({{"toptags", {{"@attr", {{"artist", "A"}}}}}}), "no error");  // untagged
}

// The key a test uses: long and with characters that change when percent-encoded.
const std::string kSecretKey = "lfm-secret/key+9f8e7d6c5b4a";

void expect_free_of_key(const std::string& text) {
  EXPECT_EQ(text.find(kSecretKey), std::string::npos) << text;
  EXPECT_EQ(text.find(net::percent_encode(kSecretKey)), std::string::npos) << text;
}

TEST_F(LastfmClientTest, RejectedKeySaysToCheckItAndNeverShowsIt) {
  testing::LogCapture log(spdlog::level::trace);
  auto wrong = client_with_key(kSecretKey);  // the fake expects another key: error 10
  try {
    wrong.track_top_tags("A", "B");
    FAIL() << "expected a LastfmError";
  } catch (const LastfmError& error) {
    EXPECT_TRUE(error.key_rejected());
    EXPECT_EQ(error.code(), ExitCode::usage);
    EXPECT_EQ(error.lastfm_code(), 10);
    EXPECT_NE(std::string(error.what()).find("check LASTFM_API_KEY"), std::string::npos) << error.what();
    expect_free_of_key(error.what());
  }
  EXPECT_EQ(fake.request_count(), 1u);
  EXPECT_EQ(fake.requests().at(0).query_value("api_key"), kSecretKey);  // it was sent
  fake.inject_error(26);
  EXPECT_THROW(client.artist_top_tags("A"), LastfmError);
  expect_free_of_key(log.text());
  EXPECT_NE(log.text().find("api_key=[redacted]"), std::string::npos) << log.text();
}

TEST(LastfmClientSecrets, KeyNeverInNetworkErrorsOrTraceLogs) {
  testing::RefusingPort nobody;
  testing::FakeClock clock;
  testing::LogCapture log(spdlog::level::trace);
  auto http = lastfm_http_settings(milliseconds(0));
  http.retry.max_retries = 1;
  LastfmClient client(nobody.url(), kSecretKey, http, clock);
  try {
    client.track_top_tags("A", "B");
    FAIL() << "expected a NetworkError";
  } catch (const net::NetworkError& error) {
    expect_free_of_key(error.what());
  }
  expect_free_of_key(log.text());
}

}  // namespace
}  // namespace sonic::sources
