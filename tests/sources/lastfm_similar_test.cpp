// Last.fm artist.getSimilar and track.getSimilar against the fake: the request on the wire,
// `match` as a string and as a number, lone items, empty and unknown seeds, every error code the
// client treats apart, the transport faults, and malformed replies naming the place.
#include <gtest/gtest.h>

#include "fakes/fake_clock.hpp"
#include "fakes/lastfm_fake.hpp"
#include "sonic/sources/lastfm_client.hpp"

namespace sonic::sources {
namespace {

using std::chrono::milliseconds;
using testing::Fault;
using testing::LastfmFake;

class LastfmSimilarTest : public ::testing::Test {
 protected:
  static net::HttpSettings settings() {
    auto http = lastfm_http_settings(milliseconds(0));
    // Long enough that a loaded machine's loopback reply never times out by accident (300 ms
    // did, under a load of 14), short of the 2 s a timeout fault holds its reply.
    http.total_timeout = milliseconds(1000);
    return http;
  }
  LastfmFake fake;  // first: outlives the client's kept-alive connection
  testing::FakeClock clock;
  LastfmClient client{fake.base_url(), LastfmFake::kApiKey, settings(), clock};
};

TEST_F(LastfmSimilarTest, SimilarArtistsAsksWithTheDocumentedQueryAndReadsStringMatches) {
  fake.add_similar_artists("Radiohead", {{"Thom Yorke", "", 1.0}, {"Portishead", "", 0.25}, {"Muse", "", 0.5}});
  const auto similar = client.similar_artists("Radiohead", 30);
  ASSERT_TRUE(similar);
  EXPECT_EQ(*similar, (std::vector<SimilarArtist>{{"Thom Yorke", 1.0}, {"Muse", 0.5}, {"Portishead", 0.25}}));
  const auto request = fake.requests().at(0);
  EXPECT_EQ(request.query_value("method"), "artist.getSimilar");
  EXPECT_EQ(request.query_value("artist"), "Radiohead");
  EXPECT_EQ(request.query_value("limit"), "30");
  EXPECT_EQ(request.query_value("autocorrect"), "1");
  EXPECT_EQ(request.query_value("format"), "json");
  EXPECT_EQ(request.query_value("api_key"), LastfmFake::kApiKey);
  EXPECT_EQ(request.path, "/2.0/");
}

TEST_F(LastfmSimilarTest, SimilarTracksReadNumberMatchesAndTheirArtists) {
  fake.add_similar_tracks("Radiohead", "Creep", {{"Muse", "Unintended", 0.75}, {"Placebo", "Every You", 0.125}});
  const auto similar = client.similar_tracks("Radiohead", "Creep", 10);
  ASSERT_TRUE(similar);
  EXPECT_EQ(*similar, (std::vector<SimilarTrack>{{"Muse", "Unintended", 0.75}, {"Placebo", "Every You", 0.125}}));
  EXPECT_EQ(fake.asked(), std::vector<std::string>{"similar-track:Radiohead|Creep"});
  EXPECT_EQ(fake.requests().at(0).query_value("track"), "Creep");
}

TEST_F(LastfmSimilarTest, MatchesMayComeEitherWayAndALoneItemAsAnObject) {
  fake.matches_swapped(true);  // artist matches as numbers, track matches as strings
  fake.lone_similar_as_object(true);
  fake.add_similar_artists("A", {{"B", "", 0.5}});
  fake.add_similar_tracks("A", "T", {{"C", "U", 0.375}});
  EXPECT_EQ(client.similar_artists("A", 5), (std::vector<SimilarArtist>{{"B", 0.5}}));
  EXPECT_EQ(client.similar_tracks("A", "T", 5), (std::vector<SimilarTrack>{{"C", "U", 0.375}}));
}

TEST_F(LastfmSimilarTest, UnknownSeedIsNulloptAndNoSimilarIsAnEmptyList) {
  EXPECT_EQ(client.similar_artists("Nobody", 5), std::nullopt);  // error 6 inside HTTP 200
  EXPECT_EQ(client.similar_tracks("Nobody", "Nothing", 5), std::nullopt);
  fake.add_similar_artists("Loner", {});
  EXPECT_EQ(client.similar_artists("Loner", 5), std::vector<SimilarArtist>{});
  EXPECT_TRUE(clock.sleeps().empty());
}

TEST_F(LastfmSimilarTest, EachTemporaryErrorCodeIsRetried) {
  fake.add_similar_artists("A", {{"B", "", 0.5}});
  for (const int code : {8, 11, 16}) fake.inject_error(code);  // three retries at most
  EXPECT_EQ(client.similar_artists("A", 5), (std::vector<SimilarArtist>{{"B", 0.5}}));
  fake.inject_error(29);
  EXPECT_EQ(client.similar_artists("A", 5), (std::vector<SimilarArtist>{{"B", 0.5}}));
  EXPECT_EQ(fake.request_count(), 6u);
  EXPECT_EQ(clock.sleeps().size(), 4u);
}

TEST_F(LastfmSimilarTest, PersistentErrorCodesEndAsTypedErrors) {
  // 1 + 3 retries, so four of a code use it up.
  fake.inject_error(29, 4);
  EXPECT_THROW(client.similar_tracks("A", "T", 5), net::RateLimitedError);
  for (const int code : {8, 11, 16}) {
    fake.inject_error(code, 4);
    try {
      client.similar_artists("A", 5);
      FAIL() << "expected a LastfmError for " << code;
    } catch (const LastfmError& error) {
      EXPECT_EQ(error.lastfm_code(), code);
      EXPECT_EQ(error.code(), ExitCode::network);
    }
  }
}

TEST_F(LastfmSimilarTest, KeyAndOtherErrorsAreNotRetried) {
  fake.inject_error(10);
  try {
    client.similar_artists("A", 5);
    FAIL() << "expected a LastfmError";
  } catch (const LastfmError& error) {
    EXPECT_TRUE(error.key_rejected());
  }
  fake.inject_error(3);
  try {
    client.similar_tracks("A", "T", 5);
    FAIL() << "expected a LastfmError";
  } catch (const LastfmError& error) {
    EXPECT_EQ(error.code(), ExitCode::unexpected);
  }
  EXPECT_EQ(fake.request_count(), 2u);
}

TEST_F(LastfmSimilarTest, Http429WithRetryAfter5xxTimeoutsAndTruncatedBodiesAreRetried) {
  fake.add_similar_tracks("A", "T", {{"C", "U", 0.5}});
  fake.faults().add(Fault::rate_limited);
  fake.faults().add(Fault::server_error);
  EXPECT_EQ(client.similar_tracks("A", "T", 5), (std::vector<SimilarTrack>{{"C", "U", 0.5}}));
  EXPECT_EQ(clock.sleeps().front(), milliseconds(1000));  // Retry-After: 1
  fake.faults().set_timeout_delay(milliseconds(2000));
  fake.faults().add(Fault::timeout);
  fake.faults().add(Fault::truncated);
  EXPECT_EQ(client.similar_tracks("A", "T", 5), (std::vector<SimilarTrack>{{"C", "U", 0.5}}));
  EXPECT_EQ(fake.request_count(), 6u);
  fake.faults().add(Fault::server_error, 10);
  EXPECT_THROW(client.similar_tracks("A", "T", 5), net::HttpStatusError);
}

TEST(LastfmSimilarReply, MalformedRepliesAreInputErrorsNamingThePlace) {
  testing::StubServer server;
  testing::FakeClock clock;
  auto http = lastfm_http_settings(milliseconds(0));
  LastfmClient client(server.url(), "some-key-123456", http, clock);
  const auto artists_error = [&](const nlohmann::json& body) -> std::string {
    server.script("GET", "/2.0/", {testing::StubReply::json(body)});
    try {
      client.similar_artists("A", 5);
    } catch (const InputError& error) {
      return error.what();
    }
    return "no error";
  };
  const auto tracks_error = [&](const nlohmann::json& body) -> std::string {
    server.script("GET", "/2.0/", {testing::StubReply::json(body)});
    try {
      client.similar_tracks("A", "T", 5);
    } catch (const InputError& error) {
      return error.what();
    }
    return "no error";
  };
  const auto has = [](const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
  };
  EXPECT_PRED2(has, artists_error({{"similarartists", {{"artist", {{{"name", "B"}, {"match", "lots"}}}}}}}),
               "similarartists.artist[0].match should be a number from 0 to 1, found \"lots\"");
  EXPECT_PRED2(has, artists_error({{"similarartists", {{"artist", {{{"name", "B"}, {"match", 1.5}}}}}}}), "found 1.5");
  EXPECT_PRED2(has, artists_error({{"similarartists", {{"artist", {{{"match", 0.5}}}}}}}),
               "similarartists.artist[0] has no 'name' text");
  EXPECT_PRED2(has, artists_error({{"toptags", 1}}), "neither 'similarartists' nor 'error'");
  EXPECT_PRED2(has, artists_error({{"similarartists", {{"artist", "B"}}}}), "similarartists.artist should be a list");
  EXPECT_PRED2(has, tracks_error({{"similartracks", {{"track", {{{"name", "U"}, {"match", 0.5}}}}}}}),
               "similartracks.track[0] has no 'artist' object");
  EXPECT_PRED2(has, tracks_error({{"error", "six"}}), "'error' should be a number");
  EXPECT_EQ(tracks_error({{"similartracks", {{"@attr", {{"artist", "A"}}}}}}), "no error");  // none similar
  server.script("GET", "/2.0/", {testing::StubReply::text("<lfm status=\"ok\"/>")});
  EXPECT_THROW(client.similar_artists("A", 5), InputError);  // not JSON
}

}  // namespace
}  // namespace sonic::sources
