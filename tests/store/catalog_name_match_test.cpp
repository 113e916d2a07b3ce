// Features for history tracks no catalog row holds by ID: by artist + title (AudioFeatureWriter::
// write_by_name), else the mean of the artist's catalog tracks (catalog_artist_features.hpp).
// Which row a track keeps is the point: an ID match always beats a name match, which beats an
// artist mean; every answer below is worked out by hand.
#include <gtest/gtest.h>

#include "sonic/sources/name_key.hpp"
#include "sonic/store/audio_feature_store.hpp"
#include "sonic/store/catalog_artist_features.hpp"
#include "sonic/store/schema.hpp"

namespace sonic::store {
namespace {

using sources::AudioFeature;
using sources::AudioFeatures;

constexpr const char* kTalkId = "TTTTTTTTTTTTTTTTTTTTTT";

AudioFeatures features(double valence, double energy = 0.5) {
  AudioFeatures f;
  f[AudioFeature::valence] = valence;
  f[AudioFeature::energy] = energy;
  f[AudioFeature::key] = 4;  // whole-valued: never averaged
  return f;
}

class CatalogNameMatchTest : public ::testing::Test {
 protected:
  CatalogNameMatchTest() : db_(Database::in_memory()) {
    migrate(db_);
    add_artist(1, "Khalid");
    add_artist(2, "Halsey");
    add_artist(3, "Nobody In Any Catalog");
    add_track(1, "Khalid", "Talk", kTalkId);  // an extended export's track, with its ID
    add_track(2, "Khalid", "Location", nullptr);
    add_track(3, "Halsey", "Graveyard", nullptr);
    add_track(4, "Halsey", "Without Me", nullptr);
    add_track(5, "Nobody In Any Catalog", "Song", nullptr);
  }
  void add_artist(int id, const std::string& name) {
    db_.prepare("INSERT INTO artists (id, name, name_key) VALUES (?1, ?2, ?3)")
        .bind(1, id)
        .bind(2, name)
        .bind(3, sources::normalize_name(name))
        .run();
  }
  void add_track(int id, const std::string& artist, const std::string& title, const char* spotify_id) {
    auto insert = db_.prepare(
        "INSERT INTO tracks (id, spotify_id, name, artist_id, name_key) "
        "VALUES (?1, ?2, ?3, (SELECT id FROM artists WHERE name = ?4), ?5)");
    insert.bind(1, id);
    if (spotify_id) {
      insert.bind(2, spotify_id);
    } else {
      insert.bind_null(2);
    }
    insert.bind(3, title).bind(4, artist).bind(5, sources::track_name_key(artist, title)).run();
  }
  std::string source_of(int track) {
    auto query = db_.prepare("SELECT source FROM audio_features WHERE track_id = ?1");
    query.bind(1, track);
    return query.step() ? query.text(0) : "";
  }
  double valence_of(int track) {
    auto query = db_.prepare("SELECT valence FROM audio_features WHERE track_id = ?1");
    query.bind(1, track);
    return query.step() ? query.real(0) : -1;
  }
  Database db_;
};

TEST_F(CatalogNameMatchTest, ARowIsMatchedByArtistAndTitleWhateverItsCaseAndCoArtists) {
  AudioFeatureWriter writer(db_, "catalog:hits.csv", 1000, false);
  EXPECT_EQ(writer.write_by_name("KHALID", "location", features(0.25), "catalog_name:hits.csv"),
            FeatureWriteOutcome::matched_by_name);
  // The catalog credits two artists; the history names the first.
  EXPECT_EQ(writer.write_by_name("Halsey, Someone Else", "Graveyard", features(0.75), "catalog_name:hits.csv"),
            FeatureWriteOutcome::matched_by_name);
  EXPECT_EQ(writer.write_by_name("Halsey", "Not A Song Of Hers", features(0.5), "catalog_name:hits.csv"),
            FeatureWriteOutcome::not_in_history);
  EXPECT_EQ(source_of(2), "catalog_name:hits.csv");
  EXPECT_DOUBLE_EQ(valence_of(2), 0.25);
  EXPECT_EQ(source_of(3), "catalog_name:hits.csv");
  EXPECT_DOUBLE_EQ(valence_of(3), 0.75);
  EXPECT_EQ(db_.scalar("SELECT count(*) FROM audio_features"), 2);
}

TEST_F(CatalogNameMatchTest, AnIdMatchAlwaysWinsAndTheFirstRowOfANameWins) {
  // Name first, then the track's own ID in the same file: the ID's values replace the name's.
  AudioFeatureWriter first(db_, "catalog:a.csv", 1000, false);
  EXPECT_EQ(first.write_by_name("Khalid", "Talk", features(0.1), "catalog_name:a.csv"),
            FeatureWriteOutcome::matched_by_name);
  EXPECT_EQ(first.write(kTalkId, features(0.9)), FeatureWriteOutcome::stored);
  EXPECT_EQ(first.write_by_name("Khalid", "Talk", features(0.2), "catalog_name:a.csv"),
            FeatureWriteOutcome::not_in_history);
  EXPECT_EQ(source_of(1), "catalog:a.csv");
  EXPECT_DOUBLE_EQ(valence_of(1), 0.9);

  // A later file's name match leaves an ID match, and an earlier file's name match, alone.
  EXPECT_EQ(first.write_by_name("Halsey", "Without Me", features(0.3), "catalog_name:a.csv"),
            FeatureWriteOutcome::matched_by_name);
  EXPECT_EQ(first.write_by_name("Halsey", "Without Me", features(0.35), "catalog_name:a.csv"),
            FeatureWriteOutcome::not_in_history);  // the same name again in a file: the first row wins
  AudioFeatureWriter second(db_, "catalog:b.csv", 2000, false);
  EXPECT_EQ(second.write_by_name("Khalid", "Talk", features(0.4), "catalog_name:b.csv"),
            FeatureWriteOutcome::not_in_history);
  EXPECT_EQ(second.write_by_name("Halsey", "Without Me", features(0.6), "catalog_name:b.csv"),
            FeatureWriteOutcome::not_in_history);
  EXPECT_DOUBLE_EQ(valence_of(1), 0.9);
  EXPECT_DOUBLE_EQ(valence_of(4), 0.3);
}

TEST_F(CatalogNameMatchTest, ArtistMeansFillOnlyTracksWithoutFeaturesAndYieldToAnyMatch) {
  AudioFeatureWriter writer(db_, "catalog:a.csv", 1000, false);
  ASSERT_EQ(writer.write(kTalkId, features(0.9)), FeatureWriteOutcome::stored);

  CatalogArtistSums sums(db_);
  sums.add("Khalid", "American Teen", features(0.2, 0.4));
  sums.add("Khalid Featuring Normani", "Love Lies", features(0.6, 0.8));  // counts for Khalid
  // Songs of the history say nothing of the artist's other songs: never in the mean.
  sums.add("Khalid", "Talk", features(0.0, 0.0));
  sums.add("Khalid, Someone", "LOCATION", features(0.0, 0.0));
  sums.add("Halsey", "Bad At Love", features(0.5));
  sums.add("Somebody Not In The History", "Song", features(0.0));
  CatalogArtistSums later_file(db_);
  later_file.add("halsey", "Colors", features(0.1));
  sums.merge(later_file);
  ASSERT_EQ(sums.sums().size(), 2u);  // khalid, halsey: other artists are not kept

  EXPECT_EQ(store_catalog_artist_means(db_, sums, 3000), 3);  // Location, Graveyard, Without Me
  EXPECT_EQ(source_of(1), "catalog:a.csv");                   // its ID match stays
  EXPECT_EQ(source_of(2), "catalog_artist");
  EXPECT_DOUBLE_EQ(valence_of(2), 0.4);  // (0.2 + 0.6) / 2
  EXPECT_EQ(db_.scalar("SELECT round(energy * 100) FROM audio_features WHERE track_id = 2"), 60);
  EXPECT_EQ(db_.scalar("SELECT key IS NULL FROM audio_features WHERE track_id = 2"), 1);  // no mean key
  EXPECT_DOUBLE_EQ(valence_of(3), 0.3);                                                   // (0.5 + 0.1) / 2
  EXPECT_EQ(source_of(5), "");                                                            // no catalog knows the artist

  // Storing again replaces the means in place; a name match then replaces a mean.
  EXPECT_EQ(store_catalog_artist_means(db_, sums, 4000), 3);
  AudioFeatureWriter names(db_, "catalog:b.csv", 5000, false);
  EXPECT_EQ(names.write_by_name("Halsey", "Graveyard", features(0.7), "catalog_name:b.csv"),
            FeatureWriteOutcome::matched_by_name);
  EXPECT_EQ(source_of(3), "catalog_name:b.csv");
  EXPECT_DOUBLE_EQ(valence_of(3), 0.7);
}

}  // namespace
}  // namespace sonic::store
