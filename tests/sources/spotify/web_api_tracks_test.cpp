// Track look-ups: the batch route 50 at a time, nulls for unknown IDs, and the switch to one
// request per track once the batch route answers 403 (development-mode apps).
#include <gtest/gtest.h>

#include <algorithm>

#include "spotify_connection_fixture.hpp"
#include "support/log_capture.hpp"

namespace sonic::sources::spotify {
namespace {

using testing::fake_track;
using testing::fake_track_id;
using testing::kTrackPath;
using testing::kTracksPath;
using testing::StubReply;

class WebApiTracksTest : public SpotifyConnectionFixture {
 protected:
  void SetUp() override {
    for (int n = 1; n <= 130; ++n) spotify.add_track(fake_track(n));
  }

  std::size_t batch_requests() const { return spotify.requests("GET", kTracksPath).size(); }
  std::size_t single_requests() const {
    std::size_t count = 0;
    for (const auto& request : spotify.requests()) {
      if (request.path.rfind(std::string(kTracksPath) + "/", 0) == 0) ++count;
    }
    return count;
  }
};

TEST_F(WebApiTracksTest, MetadataInRequestOrderWithNullsForTheUnknown) {
  SpotifyConnection session(home, settings(), clock);
  const std::vector<std::string> ids = {fake_track_id(7), fake_track_id(999), "not-an-id", fake_track_id(3)};
  const auto tracks = session.tracks(ids);
  ASSERT_EQ(tracks.size(), 4u);
  ASSERT_TRUE(tracks[0]);
  EXPECT_EQ(tracks[0]->id, fake_track_id(7));
  EXPECT_EQ(tracks[0]->name, "Track 7");
  EXPECT_EQ(tracks[0]->duration_ms, 180'007);
  EXPECT_EQ(tracks[0]->album_name, "Album 0");
  ASSERT_EQ(tracks[0]->artists.size(), 1u);
  EXPECT_EQ(tracks[0]->artists[0].name, "Artist 0");
  EXPECT_EQ(tracks[0]->artists[0].id, "A0" + std::string(20, 'y'));
  EXPECT_FALSE(tracks[1]);  // Spotify answered null
  EXPECT_FALSE(tracks[2]);  // never asked: not a Spotify ID
  ASSERT_TRUE(tracks[3]);
  EXPECT_EQ(tracks[3]->name, "Track 3");

  const auto requests = spotify.requests("GET", kTracksPath);
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].query_value("ids"), fake_track_id(7) + "," + fake_track_id(999) + "," + fake_track_id(3));
}

TEST_F(WebApiTracksTest, AsksFiftyAtATime) {
  SpotifyConnection session(home, settings(), clock);
  std::vector<std::string> ids;
  for (int n = 1; n <= 120; ++n) ids.push_back(fake_track_id(n));
  const auto tracks = session.tracks(ids);
  for (int n = 1; n <= 120; ++n) {
    ASSERT_TRUE(tracks[static_cast<std::size_t>(n - 1)]) << n;
    EXPECT_EQ(tracks[static_cast<std::size_t>(n - 1)]->name, "Track " + std::to_string(n));
  }
  const auto requests = spotify.requests("GET", kTracksPath);
  ASSERT_EQ(requests.size(), 3u);
  for (const auto& [request, expected] : {std::pair{0, 50}, std::pair{1, 50}, std::pair{2, 20}}) {
    const std::string list = requests[static_cast<std::size_t>(request)].query_value("ids");
    EXPECT_EQ(std::count(list.begin(), list.end(), ',') + 1, expected);
  }
}

TEST_F(WebApiTracksTest, AForbiddenBatchRouteSwitchesToSingleLookUpsForTheRestOfTheRun) {
  spotify.forbid_batch_tracks();
  SpotifyConnection session(home, settings(), clock);
  testing::LogCapture log(spdlog::level::info);
  const auto first = session.tracks(std::vector<std::string>{fake_track_id(1), fake_track_id(999), fake_track_id(2)});
  ASSERT_TRUE(first[0]);
  EXPECT_EQ(first[0]->name, "Track 1");
  EXPECT_FALSE(first[1]);  // 404 on the single route
  ASSERT_TRUE(first[2]);
  EXPECT_EQ(first[2]->name, "Track 2");
  EXPECT_TRUE(session.batch_tracks_forbidden());
  EXPECT_EQ(batch_requests(), 1u);
  EXPECT_EQ(single_requests(), 3u);
  EXPECT_NE(log.text().find("one at a time"), std::string::npos) << log.text();

  const auto second = session.tracks(std::vector<std::string>{fake_track_id(5)});
  EXPECT_EQ(second[0]->name, "Track 5");
  EXPECT_EQ(batch_requests(), 1u);  // not asked again
  EXPECT_EQ(single_requests(), 4u);
}

TEST_F(WebApiTracksTest, SingleLookUpsGetTheSameFaultHandling) {
  spotify.forbid_batch_tracks();
  SpotifyConnection session(home, settings(), clock);
  session.tracks(std::vector<std::string>{fake_track_id(1)});
  spotify.expire_access_tokens();
  spotify.fail_next("GET", kTrackPath, {StubReply::error(500)});
  const auto tracks = session.tracks(std::vector<std::string>{fake_track_id(2), fake_track_id(3)});
  EXPECT_EQ(tracks[0]->name, "Track 2");  // 500, retried: 401, renewed, retried
  EXPECT_EQ(tracks[1]->name, "Track 3");
  EXPECT_EQ(token_requests(), 2u);
}

TEST_F(WebApiTracksTest, AMalformedTrackIsAnInputErrorNamingWhere) {
  SpotifyConnection session(home, settings(), clock);
  spotify.fail_next("GET", kTracksPath, {StubReply::json({{"tracks", {{{"id", fake_track_id(1)}}}}})});
  try {
    session.tracks(std::vector<std::string>{fake_track_id(1)});
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("/v1/tracks?ids="), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("track 1: 'name'"), std::string::npos) << error.what();
  }
  spotify.fail_next("GET", kTracksPath, {StubReply::json({{"tracks", nlohmann::json::array()}})});
  EXPECT_THROW(session.tracks(std::vector<std::string>{fake_track_id(1)}),
               InputError);  // one entry per ID expected
}

// The recently-played envelope's reader on its own (the fuzz target spotify_replies drives it too).
TEST(RecentlyPlayedPage, ReadsCountCursorsAndNextAndKeepsTheBody) {
  const std::string body =
      R"({"items":[{},{}],"next":"https://x/?before=1","cursors":{"after":"1575405194517","before":1575332662799}})";
  const auto page = read_recently_played_page(nlohmann::json::parse(body), body, "GET recently-played");
  EXPECT_EQ(page.play_count, 2u);
  EXPECT_EQ(page.newest_played_ms, 1575405194517);
  EXPECT_EQ(page.oldest_played_ms, 1575332662799);
  EXPECT_TRUE(page.has_next);
  EXPECT_EQ(page.body, body);
}

TEST(RecentlyPlayedPage, ACursorThatIsNoTimeIsBadInputNamingIt) {
  try {
    read_recently_played_page(nlohmann::json::parse(R"({"items":[],"cursors":{"after":"12x"}})"), "", "GET rp");
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "GET rp answered with a cursor 'after' that is not a time in milliseconds");
  }
  EXPECT_THROW(read_recently_played_page(nlohmann::json::parse(R"({"items":{}})"), "", "GET rp"), InputError);
}

}  // namespace
}  // namespace sonic::sources::spotify
