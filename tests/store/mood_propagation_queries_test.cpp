// What mood propagation reads, on a real SQLite store: session neighbours counted both ways and
// never across sessions, tags of the track and of its artist, listening time by mood source.
#include "sonic/store/mood_propagation_queries.hpp"

#include <gtest/gtest.h>

#include "sonic/store/schema.hpp"

namespace sonic::store {
namespace {

// Session 1 (from 1000): tracks 1, 2, 1, 3, 4, 5 in that order; session 2 (from 900000): 2, then a
// short play of 6 (not a listen). Track 6 is tagged but never listened to.
class MoodPropagationQueriesTest : public ::testing::Test {
 protected:
  MoodPropagationQueriesTest() : db_(Database::in_memory()) {
    migrate(db_);
    db_.exec(
        "INSERT INTO artists (id, name, name_key) VALUES (1, 'A', 'a'), (2, 'B', 'b');"
        "INSERT INTO tracks (id, name, artist_id, name_key) VALUES (1, 'One', 1, '1'), (2, 'Two', 1, '2'),"
        "  (3, 'Three', 1, '3'), (4, 'Four', 2, '4'), (5, 'Five', 1, '5'), (6, 'Six', 2, '6');"
        "INSERT INTO sessions (start_ms, end_ms, plays, ms_played) VALUES (1000, 500000, 6, 360000),"
        "  (900000, 1000000, 1, 60000);"
        "INSERT INTO plays (track_id, start_ms, end_ms, ms_played, is_short, source) VALUES"
        "  (1, 1000, 61000, 60000, 0, 'extended'), (2, 100000, 160000, 60000, 0, 'extended'),"
        "  (1, 150000, 210000, 60000, 0, 'extended'),"
        "  (3, 200000, 260000, 60000, 0, 'extended'), (4, 300000, 360000, 60000, 0, 'extended'),"
        "  (5, 400000, 460000, 60000, 0, 'extended'), (2, 900000, 960000, 60000, 0, 'extended'),"
        "  (6, 970000, 975000, 5000, 1, 'extended');"
        "INSERT INTO track_tags (track_id, tag, count) VALUES (1, 'chill', 100), (6, 'sad', 100);"
        "INSERT INTO artist_tags (artist_id, tag, count) VALUES (2, 'sad', 50);");
  }
  Database db_;
};

TEST_F(MoodPropagationQueriesTest, NeighboursAreCountedBothWaysWithinASessionOnly) {
  const auto pairs = session_neighbour_counts(db_);
  ASSERT_EQ(pairs.size(), 4u);  // 1-2 twice (1→2, 2→1), 1-3, 3-4, 4-5; not 5→2 across sessions
  EXPECT_EQ(pairs[0].first, 1);
  EXPECT_EQ(pairs[0].second, 2);
  EXPECT_EQ(pairs[0].count, 2);
  EXPECT_EQ(pairs[1].first, 1);
  EXPECT_EQ(pairs[1].second, 3);
  EXPECT_EQ(pairs[1].count, 1);
  EXPECT_EQ(pairs[2].first, 3);
  EXPECT_EQ(pairs[2].second, 4);
  EXPECT_EQ(pairs[3].first, 4);
  EXPECT_EQ(pairs[3].second, 5);
}

TEST_F(MoodPropagationQueriesTest, ArtistsAndTagsOfListenedTracksOnly) {
  const auto artists = history_track_artists(db_);
  EXPECT_EQ(artists.size(), 5u);  // not 6, only ever heard for 5 s
  EXPECT_EQ(artists.at(4), 2);
  const auto tags = history_track_tags(db_);
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags[0].track_id, 1);
  EXPECT_EQ(tags[0].tag, "chill");
  EXPECT_EQ(tags[1].track_id, 4);  // its artist's tag
  EXPECT_EQ(tags[1].tag, "sad");
  EXPECT_DOUBLE_EQ(tags[1].count, 50);
}

TEST_F(MoodPropagationQueriesTest, ListeningTimeBySourceOfTheTracksCluster) {
  db_.exec(
      "INSERT INTO track_clusters (track_id, cluster, distance, model_id) VALUES (1, 0, 0.1, 'm');"
      "INSERT INTO track_clusters (track_id, cluster, distance, model_id, source, confidence) VALUES"
      "  (3, 1, -1, 'm', 'co_listening', 0.6);");
  const auto by_source = listening_ms_by_mood_source(db_);
  ASSERT_EQ(by_source.size(), 3u);
  EXPECT_EQ(by_source.at("features"), 120000);  // the default source: track 1 twice
  EXPECT_EQ(by_source.at("co_listening"), 60000);
  EXPECT_EQ(by_source.at("none"), 240000);  // 2 twice, 4, 5; the short play is no listen
}

}  // namespace
}  // namespace sonic::store
