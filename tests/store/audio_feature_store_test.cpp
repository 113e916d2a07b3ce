// Which source's audio features a track keeps, and the coverage figure.
#include "sonic/store/audio_feature_store.hpp"

#include <gtest/gtest.h>

#include "sonic/store/schema.hpp"

namespace sonic::store {
namespace {

using sources::AudioFeature;
using sources::AudioFeatures;

constexpr const char* kListened = "AAAAAAAAAAAAAAAAAAAAAA";     // track 1: a 200 s listen
constexpr const char* kSkippedOnly = "BBBBBBBBBBBBBBBBBBBBBB";  // track 2: only a 10 s play
constexpr const char* kUnknown = "ZZZZZZZZZZZZZZZZZZZZZZ";

AudioFeatures features(double valence, std::optional<double> key = 5) {
  AudioFeatures f;
  f[AudioFeature::valence] = valence;
  f[AudioFeature::tempo] = 120.5;
  f[AudioFeature::key] = key;
  f[AudioFeature::mode] = 1;
  return f;
}

class AudioFeatureStoreTest : public ::testing::Test {
 protected:
  AudioFeatureStoreTest() : db_(Database::in_memory()) {
    migrate(db_);
    db_.exec(
        "INSERT INTO artists (id, name, name_key) VALUES (1, 'A', 'a');"
        "INSERT INTO tracks (id, spotify_id, name, artist_id, name_key) VALUES "
        "  (1, 'AAAAAAAAAAAAAAAAAAAAAA', 'One', 1, 'a one'),"
        "  (2, 'BBBBBBBBBBBBBBBBBBBBBB', 'Two', 1, 'a two');"
        "INSERT INTO plays (track_id, start_ms, end_ms, ms_played, is_short, source) VALUES "
        "  (1, 0, 200000, 200000, 0, 'extended'), (1, 300000, 500000, 200000, 0, 'extended'),"
        "  (2, 600000, 610000, 10000, 1, 'extended');");
  }
  std::string source_of(int track) {
    auto query = db_.prepare("SELECT source FROM audio_features WHERE track_id = ?1");
    query.bind(1, track);
    return query.step() ? query.text(0) : "";
  }
  AudioFeatureWriter catalog(const std::string& file, bool replace_service_values = false) {
    return AudioFeatureWriter(db_, "catalog:" + file, 1000, replace_service_values);
  }
  Database db_;
};

TEST_F(AudioFeatureStoreTest, StoresKnownTracksOnlyWithTypedColumnsAndNulls) {
  auto writer = catalog("a.csv");
  EXPECT_EQ(writer.write(kListened, features(0.25)), FeatureWriteOutcome::stored);
  EXPECT_EQ(writer.write(kUnknown, features(0.5)), FeatureWriteOutcome::not_in_history);
  EXPECT_EQ(db_.scalar("SELECT count(*) FROM audio_features"), 1);
  auto row = db_.prepare(
      "SELECT source, valence, tempo, typeof(key), key, mode, energy IS NULL, updated_ms "
      "FROM audio_features WHERE track_id = 1");
  ASSERT_TRUE(row.step());
  EXPECT_EQ(row.text(0), "catalog:a.csv");
  EXPECT_EQ(row.real(1), 0.25);
  EXPECT_EQ(row.real(2), 120.5);
  EXPECT_EQ(row.text(3), "integer");
  EXPECT_EQ(row.integer(4), 5);
  EXPECT_EQ(row.integer(5), 1);
  EXPECT_EQ(row.integer(6), 1);
  EXPECT_EQ(row.integer(7), 1000);
}

TEST_F(AudioFeatureStoreTest, ATrackAgainInTheSameSourceIsADuplicateAndTheLaterRowWins) {
  auto writer = catalog("a.csv");
  EXPECT_EQ(writer.write(kListened, features(0.25)), FeatureWriteOutcome::stored);
  EXPECT_EQ(writer.write(kListened, features(0.75)), FeatureWriteOutcome::duplicate);
  EXPECT_EQ(db_.scalar("SELECT valence * 100 FROM audio_features WHERE track_id = 1"), 75);
}

TEST_F(AudioFeatureStoreTest, ACatalogReplacesAnOlderCatalogsRowWhole) {
  EXPECT_EQ(catalog("old.csv").write(kListened, features(0.25, 5)), FeatureWriteOutcome::stored);
  // The newer catalog has no key for the track: the old key goes too, so the row is all new.
  EXPECT_EQ(catalog("new.csv").write(kListened, features(0.75, std::nullopt)), FeatureWriteOutcome::stored);
  EXPECT_EQ(source_of(1), "catalog:new.csv");
  EXPECT_EQ(db_.scalar("SELECT key IS NULL FROM audio_features WHERE track_id = 1"), 1);
  EXPECT_EQ(db_.scalar("SELECT count(*) FROM audio_features"), 1);
}

TEST_F(AudioFeatureStoreTest, AServicesValuesAreKeptUnlessReplacingThemIsAsked) {
  AudioFeatureWriter service(db_, kReccobeatsSource, 500, false);
  EXPECT_EQ(service.write(kListened, features(0.25)), FeatureWriteOutcome::stored);

  auto polite = catalog("a.csv");
  EXPECT_EQ(polite.write(kListened, features(0.75)), FeatureWriteOutcome::kept_service_values);
  EXPECT_EQ(polite.write(kListened, features(0.75)), FeatureWriteOutcome::duplicate);
  EXPECT_EQ(source_of(1), "reccobeats");
  EXPECT_EQ(db_.scalar("SELECT valence * 100 FROM audio_features WHERE track_id = 1"), 25);

  EXPECT_EQ(catalog("a.csv", true).write(kListened, features(0.75)), FeatureWriteOutcome::stored);
  EXPECT_EQ(source_of(1), "catalog:a.csv");
  EXPECT_TRUE(is_service_source("reccobeats"));
  EXPECT_FALSE(is_service_source("catalog:reccobeats"));
  EXPECT_FALSE(is_service_source("imputed:artist"));
}

TEST_F(AudioFeatureStoreTest, CoverageCountsTracksWithAListenOnly) {
  EXPECT_EQ(feature_coverage(db_).tracks, 1);
  EXPECT_EQ(feature_coverage(db_).tracks_with_features, 0);
  EXPECT_EQ(feature_coverage(db_).percent(), 0.0);
  auto writer = catalog("a.csv");
  writer.write(kSkippedOnly, features(0.5));
  EXPECT_EQ(feature_coverage(db_).tracks_with_features, 0) << "a track never listened to for 30 s";
  writer.write(kListened, features(0.5));
  EXPECT_EQ(feature_coverage(db_).tracks_with_features, 1);
  EXPECT_EQ(feature_coverage(db_).percent(), 100.0);
}

}  // namespace
}  // namespace sonic::store
