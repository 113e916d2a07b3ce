#include "sonic/store/mood_store.hpp"

#include <gtest/gtest.h>

#include "sonic/store/schema.hpp"

namespace sonic::store {
namespace {

// Artist 1 has two measured tracks (1, 2) and one without features (3); artist 2 has only a
// featureless track (4); track 5 (artist 1) has an imputed row, which must not feed the mean.
class MoodStoreTest : public ::testing::Test {
 protected:
  MoodStoreTest() : db_(Database::in_memory()) {
    migrate(db_);
    db_.exec(
        "INSERT INTO artists (id, name, name_key) VALUES (1, 'A', 'a'), (2, 'B', 'b');"
        "INSERT INTO tracks (id, name, artist_id, name_key) VALUES (1, 'One', 1, '1'), (2, 'Two', 1, '2'),"
        "  (3, 'Three', 1, '3'), (4, 'Four', 2, '4'), (5, 'Five', 1, '5'), (6, 'Six', 1, '6');"
        "INSERT INTO audio_features (track_id, source, valence, energy, tempo, key, updated_ms) VALUES"
        "  (1, 'reccobeats', 0.2, 0.4, 100, 5, 1), (2, 'catalog:x.csv', 0.6, 0.8, 140, 7, 1),"
        "  (5, 'imputed:artist', 0.9, 0.9, 90, NULL, 1);"
        "INSERT INTO sessions (start_ms, end_ms, plays, ms_played) VALUES (1000, 500000, 3, 300000),"
        "  (900000, 1000000, 1, 60000);"
        "INSERT INTO plays (track_id, start_ms, end_ms, ms_played, is_short, source) VALUES"
        "  (1, 1000, 61000, 60000, 0, 'extended'), (2, 100000, 160000, 60000, 0, 'extended'),"
        "  (3, 200000, 260000, 60000, 0, 'extended'), (4, 300000, 360000, 60000, 0, 'extended'),"
        "  (5, 400000, 460000, 60000, 0, 'extended'), (2, 900000, 960000, 60000, 0, 'extended'),"
        "  (6, 970000, 975000, 5000, 1, 'extended');");
  }
  Database db_;
};

TEST_F(MoodStoreTest, ImputesTheArtistMeanOfMeasuredTracksOnly) {
  EXPECT_EQ(count_history_tracks_without_features(db_), 2);  // 3 and 4; 6 was never listened to
  EXPECT_EQ(impute_features_from_artists(db_, 42), 1);       // 3 only: artist 2 has no measured track
  auto row =
      db_.prepare("SELECT source, valence, energy, tempo, key, updated_ms FROM audio_features WHERE track_id = 3");
  ASSERT_TRUE(row.step());
  EXPECT_EQ(row.text(0), "imputed:artist");
  EXPECT_DOUBLE_EQ(row.real(1), 0.4);  // (0.2 + 0.6) / 2, not counting track 5's imputed 0.9
  EXPECT_DOUBLE_EQ(row.real(2), 0.6000000000000001);
  EXPECT_DOUBLE_EQ(row.real(3), 120);
  EXPECT_TRUE(row.is_null(4));  // a mean key means nothing
  EXPECT_EQ(row.integer(5), 42);
  EXPECT_EQ(count_history_tracks_without_features(db_), 1);
  EXPECT_EQ(impute_features_from_artists(db_, 43), 0);  // nothing left to impute
}

TEST_F(MoodStoreTest, ReplacesTheClusteringAndFindsUnclusteredTracks) {
  replace_clustering(db_, "m1", {{0, "calm", 1, "{}"}, {1, "wild", 1, "{}"}}, {{1, 0, 0.1}, {2, 1, 0.2}});
  EXPECT_EQ(clustering_model_id(db_), "m1");
  const auto unclustered = unclustered_tracks_with_features(db_);
  ASSERT_EQ(unclustered.size(), 1u);
  EXPECT_EQ(unclustered[0].track_id, 5);
  replace_clustering(db_, "m2", {{0, "only", 2, "{}"}}, {{1, 0, 0.3}});
  EXPECT_EQ(stored_clusters(db_).size(), 1u);
  EXPECT_EQ(db_.scalar("SELECT count(*) FROM track_clusters"), 1);
  EXPECT_EQ(db_.scalar("SELECT count(*) FROM track_clusters WHERE model_id = 'm2'"), 1);
}

// Track 1's cluster came from its artist's catalog mean; its measured features came later: it is
// unclustered again. Track 2's name-match cluster still matches its name-matched row.
TEST_F(MoodStoreTest, ATrackWhoseEstimateWasReplacedByAMeasurementIsUnclusteredAgain) {
  db_.exec("UPDATE audio_features SET source = 'catalog_name:x.csv' WHERE track_id = 2");
  store_track_clusters(
      db_, "m1",
      {{1, 0, 0.1, "catalog_artist", 0.5}, {2, 1, 0.2, "catalog_name_match", 0.8}, {5, 0, 0.3, "artist_mean", 1}});
  const auto unclustered = unclustered_tracks_with_features(db_);
  ASSERT_EQ(unclustered.size(), 1u);
  EXPECT_EQ(unclustered[0].track_id, 1);
}

TEST_F(MoodStoreTest, ClusteredListensCarryTheirSession) {
  replace_clustering(db_, "m1", {{0, "calm", 2, "{}"}, {1, "wild", 1, "{}"}}, {{1, 0, 0.1}, {2, 1, 0.2}, {5, 0, 0.3}});
  const auto listens = clustered_listens(db_);
  ASSERT_EQ(listens.size(), 4u);  // tracks 1, 2, 5 and 2 again; 3 and 4 have no cluster
  EXPECT_EQ(listens[0].session_start_ms, 1000);
  EXPECT_EQ(listens[2].track_id, 5);
  EXPECT_EQ(listens[2].session_start_ms, 1000);
  EXPECT_EQ(listens[3].session_start_ms, 900000);
  EXPECT_EQ(listens[3].cluster, 1);
  EXPECT_DOUBLE_EQ(*listens[1].features[sources::AudioFeature::valence], 0.6);
}

TEST_F(MoodStoreTest, StoresMoodsReplacingEarlierOnes) {
  store_track_moods(db_, "net-1", 5, {{1, "Calm", 0.9}, {2, "Happy", 0.6}});
  store_track_moods(db_, "net-2", 6, {{2, "Sad", 0.7}});
  EXPECT_EQ(db_.scalar("SELECT count(*) FROM track_moods"), 2);
  auto row = db_.prepare("SELECT mood, model_id, predicted_ms FROM track_moods WHERE track_id = 2");
  ASSERT_TRUE(row.step());
  EXPECT_EQ(row.text(0), "Sad");
  EXPECT_EQ(row.text(1), "net-2");
  EXPECT_EQ(row.integer(2), 6);
}

}  // namespace
}  // namespace sonic::store
