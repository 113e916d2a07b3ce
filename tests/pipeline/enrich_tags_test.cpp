// Enrichment with Last.fm on a real store: tags stored, each artist asked once, unknowns, a
// rejected key, a missing key, rate limits, and the key kept out of every log and message.
#include <gtest/gtest.h>

#include <algorithm>

#include "enrich_test_fixture.hpp"
#include "sonic/net/url_encoding.hpp"
#include "support/log_capture.hpp"

namespace sonic::pipeline {
namespace {

using testing::Fault;
using testing::LastfmFake;

constexpr std::int64_t kNow = testing::FakeClock::kDefaultStartMs;

LastfmFake::Tags numbered_tags(int count) {
  LastfmFake::Tags tags;
  for (int i = 0; i < count; ++i) tags.push_back({"tag " + std::to_string(i), 100 - 5 * i});
  return tags;
}

class EnrichTagsTest : public EnrichTest {
 protected:
  // Tracks 0..count-1 by `artists` artists; Last.fm knows every track but `unknown` and every
  // artist.
  void seed_tags(int count, int artists, int unknown = -1) {
    seed(count, artists);
    for (const auto& track : tracks_) {
      if (track.spotify_id != (unknown >= 0 ? spotify_id(unknown) : "")) {
        lastfm_.add_track(track.artist, track.title, {{"rock", 100}, {track.title, 50}});
      }
    }
    for (int a = 0; a < artists; ++a) lastfm_.add_artist("Artist " + std::to_string(a), numbered_tags(12));
  }
  EnrichOptions tags_only() const {
    auto only = options(true);
    only.features = false;
    return only;
  }
};

TEST_F(EnrichTagsTest, StoresTrackAndArtistTagsAskingEachArtistOnce) {
  seed_tags(6, 2, /*unknown=*/4);
  const auto report = enrich(options(true));
  EXPECT_EQ(report.tracks_considered, 6);
  EXPECT_EQ(report.features_found, 6);
  EXPECT_EQ(report.track_tags, 10);   // two for each of the five known tracks
  EXPECT_EQ(report.artist_tags, 20);  // the top ten of each artist's twelve
  EXPECT_EQ(report.exit_code(), ExitCode::ok);
  EXPECT_TRUE(report.stopped.empty());
  EXPECT_EQ(count("SELECT count(*) FROM track_tags WHERE tag = 'rock' AND count = 100"), 5);
  EXPECT_EQ(count("SELECT count(*) FROM track_tags WHERE tag = 'song 5' AND count = 50"), 1);
  EXPECT_EQ(count("SELECT min(count) FROM artist_tags"), 55);  // tags 10 and 11 (50, 45) dropped
  EXPECT_EQ(count("SELECT count(*) FROM track_enrichment WHERE service = 'lastfm' AND status = 'unknown' "
                  "AND next_retry_ms = " +
                  std::to_string(kNow + 30 * kMsPerDay)),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM artist_enrichment WHERE service = 'lastfm' AND status = 'found'"), 2);
  const auto asked = lastfm_.asked();
  EXPECT_EQ(std::count(asked.begin(), asked.end(), "artist:Artist 0"), 1);
  EXPECT_EQ(std::count(asked.begin(), asked.end(), "artist:Artist 1"), 1);
  EXPECT_EQ(asked.front(), "track:Artist 1|Song 5");  // newest first
  EXPECT_EQ(asked.size(), 8u);

  EXPECT_EQ(enrich(options(true)).tracks_considered, 0);  // all recorded
  EXPECT_EQ(lastfm_.request_count(), 8u);
}

TEST_F(EnrichTagsTest, KnownButUntaggedIsFoundWithNoTags) {
  seed(1, 1);
  lastfm_.unknown_track_as_no_tags(true);
  lastfm_.add_artist("Artist 0", {});
  const auto report = enrich(tags_only());
  EXPECT_EQ(report.track_tags, 0);
  EXPECT_EQ(count("SELECT count(*) FROM track_enrichment WHERE service = 'lastfm' AND status = 'found'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM artist_enrichment WHERE status = 'found'"), 1);
}

TEST_F(EnrichTagsTest, WithoutAnApiKeyTagsAreSkippedWithANote) {
  seed_tags(3, 1);
  auto keyless = options(true);
  keyless.lastfm_api_key.clear();
  const auto report = enrich(keyless);
  EXPECT_EQ(report.features_found, 3);
  EXPECT_EQ(report.exit_code(), ExitCode::ok);
  EXPECT_EQ(report.stopped.at("lastfm").reason, "no_api_key");
  EXPECT_NE(report.stopped.at("lastfm").message.find("LASTFM_API_KEY"), std::string::npos);
  EXPECT_EQ(lastfm_.request_count(), 0u);
  EXPECT_EQ(count("SELECT count(*) FROM track_enrichment WHERE service = 'lastfm'"), 0);
}

TEST_F(EnrichTagsTest, ARejectedKeyStopsLastfmButNotReccoBeats) {
  seed_tags(50, 5);
  lastfm_.inject_error(10);
  const auto report = enrich(options(true));
  EXPECT_EQ(lastfm_.request_count(), 1u);  // asked once, then left alone for the run
  EXPECT_EQ(report.features_found, 50);
  EXPECT_EQ(report.stopped.at("lastfm").reason, "api_key");
  EXPECT_EQ(report.exit_code(), ExitCode::usage);
  EXPECT_NE(report.stopped.at("lastfm").message.find("check LASTFM_API_KEY"), std::string::npos);
  EXPECT_EQ(count("SELECT count(*) FROM track_enrichment WHERE service = 'lastfm'"), 0);
}

TEST_F(EnrichTagsTest, PersistentRateLimitBacksLastfmOff) {
  seed_tags(5, 1);
  lastfm_.inject_error(29, 40);
  const auto report = enrich(options(true));
  EXPECT_EQ(report.stopped.at("lastfm").reason, "rate_limited");
  EXPECT_EQ(report.features_found, 5);
  EXPECT_EQ(report.exit_code(), ExitCode::rate_limited);
  EXPECT_EQ(lastfm_.request_count(), 4u);
  EXPECT_EQ(
      count("SELECT count(*) FROM service_backoff WHERE service = 'lastfm' AND retry_at_ms > " + std::to_string(kNow)),
      1);
}

TEST_F(EnrichTagsTest, ItemErrorsAreRecordedAsFailedAndTheRunGoesOn) {
  seed_tags(4, 4);
  lastfm_.inject_error(7);  // "invalid resource" for the first question only
  const auto report = enrich(tags_only());
  EXPECT_EQ(report.exit_code(), ExitCode::ok);
  EXPECT_EQ(count("SELECT count(*) FROM track_enrichment WHERE status = 'failed' AND next_retry_ms = " +
                  std::to_string(kNow + kMsPerDay)),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM track_enrichment WHERE status = 'found'"), 3);
}

// Long, and with characters that change when percent-encoded.
const std::string kSecretKey = "Lfm/Secret+Key=5c4b3a29";

void expect_free_of_key(const std::string& text) {
  EXPECT_EQ(text.find(kSecretKey), std::string::npos) << text;
  EXPECT_EQ(text.find(net::percent_encode(kSecretKey)), std::string::npos) << text;
}

TEST_F(EnrichTagsTest, TheKeyNeverAppearsInLogsReportsOrErrors) {
  seed_tags(3, 1);
  testing::LogCapture log(spdlog::level::trace);
  auto wrong_key = options(true);
  wrong_key.lastfm_api_key = kSecretKey;  // the fake expects another: error 10
  const auto report = enrich(wrong_key);
  ASSERT_EQ(report.stopped.at("lastfm").reason, "api_key");
  EXPECT_EQ(lastfm_.requests().at(0).query_value("api_key"), kSecretKey);  // it was sent
  expect_free_of_key(log.text());
  expect_free_of_key(report.to_json().dump());
  expect_free_of_key(report.to_text());
  try {
    report.throw_if_failed();
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    expect_free_of_key(error.what());
  }
  EXPECT_NE(log.text().find("api_key=[redacted]"), std::string::npos);  // trace did log requests
}

}  // namespace
}  // namespace sonic::pipeline
