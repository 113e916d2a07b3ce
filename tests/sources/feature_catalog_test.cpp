// Catalog CSVs: their columns found by name in hand-made and real headers, and every row's fate.
#include "sonic/sources/feature_catalog.hpp"

#include <gtest/gtest.h>

#include <map>

#include "sonic/core/error.hpp"
#include "sonic/sim/catalog.hpp"
#include "sonic/sim/features_csv.hpp"
#include "support/shared_data.hpp"

namespace sonic::sources {
namespace {

using Header = std::vector<std::string_view>;

std::string error_of(const Header& header) {
  try {
    find_catalog_columns(header, "x.csv");
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

std::optional<std::size_t> column_of(const CatalogColumns& columns, AudioFeature feature) {
  return columns.features[static_cast<std::size_t>(feature)];
}

TEST(CatalogColumns, FoundByNameWhateverTheCaseSpacesAndOrder) {
  const auto columns = find_catalog_columns({"name", " Track_URI ", "Valence", "ENERGY", "ID"}, "x.csv");
  // id is looked at before track_uri, whatever their order in the file.
  EXPECT_EQ(columns.track_id, (std::vector<std::size_t>{4, 1}));
  EXPECT_EQ(column_of(columns, AudioFeature::valence), 2u);
  EXPECT_EQ(column_of(columns, AudioFeature::energy), 3u);
  EXPECT_FALSE(column_of(columns, AudioFeature::tempo).has_value());
  EXPECT_EQ(find_catalog_columns({"uri", "track_id", "tempo", "tempo"}, "x.csv").track_id,
            (std::vector<std::size_t>{1, 0}));
  EXPECT_EQ(column_of(find_catalog_columns({"uri", "tempo", "tempo"}, "x.csv"), AudioFeature::tempo), 1u);
  // Near names are not the key: an artist's or an album's ID would match the wrong tracks.
  EXPECT_NE(error_of({"artist_id", "album_id", "spotify_uri_x", "valence"}), "no error");
}

TEST(CatalogColumns, TitleAndArtistAreFoundTogetherOrNotAtAll) {
  // The popularity catalogs' names win over a plain "name" (which the liked songs use).
  const auto popularity = find_catalog_columns({"name", "track_artist", "id", "track_name", "valence"}, "x.csv");
  EXPECT_EQ(popularity.title, 3u);
  EXPECT_EQ(popularity.artist, 1u);
  const auto hits = find_catalog_columns({"track", "artist", "uri", "valence"}, "x.csv");
  EXPECT_EQ(hits.title, 0u);
  EXPECT_EQ(hits.artist, 1u);
  // A title without an artist cannot be matched: neither is kept.
  const auto title_only = find_catalog_columns({"name", "id", "valence"}, "x.csv");
  EXPECT_FALSE(title_only.title.has_value());
  EXPECT_FALSE(title_only.artist.has_value());
}

TEST(CatalogColumns, AFileWithoutTrackIdsOrFeaturesIsRefusedWithItsColumns) {
  EXPECT_EQ(error_of({"name", "valence"}),
            "x.csv: no Spotify track ID column (named id, track_id, uri, track_uri, song_id, spotify_id, "
            "spotify_uri, spotify_track_id or trackid, or holding 22-character track IDs or spotify:track: URIs; "
            "--id-column names one), so its rows cannot be matched to tracks; its columns are: name, valence");
  EXPECT_EQ(error_of({"id", "name", "popularity"}),
            "x.csv: no audio-feature column (acousticness, danceability, energy, "
            "instrumentalness, key, liveness, loudness, mode, speechiness, tempo or valence); its "
            "columns are: id, name, popularity");
  auto empty = string_source("");
  EXPECT_THROW(FeatureCatalogReader(*empty, "x.csv"), InputError);
}

struct ReadRow {
  std::string track_id;
  AudioFeatures features;
  std::string skip;
  std::string problem;
  std::uint64_t line;
};

std::vector<ReadRow> read_rows(const std::string& csv) {
  auto source = string_source(csv);
  FeatureCatalogReader reader(*source, "x.csv");
  std::vector<ReadRow> rows;
  CatalogRow row;
  while (reader.next(row)) {
    rows.push_back({row.track_id, row.features, row.skip_reason ? row.skip_reason : "", row.problem, reader.line()});
  }
  return rows;
}

TEST(FeatureCatalogReader, EveryRowIsKeyedOrSkippedForAReason) {
  const auto rows = read_rows(
      "id,uri,Valence,tempo,key,name\r\n"
      "not-an-id,spotify:track:AAAAAAAAAAAAAAAAAAAAAA,0.5,120,-1,\"Hello, \"\"World\"\"\"\r\n"
      "BBBBBBBBBBBBBBBBBBBBBB,,0.25,,3,\"two\r\nlines\"\r\n"
      ",,0.1,100,1,no id at all\r\n"
      "x,spotify:episode:AAAAAAAAAAAAAAAAAAAAAA,0.1,100,1,an episode\r\n"
      "CCCCCCCCCCCCCCCCCCCCCC,,1.7,100,1,too happy\r\n"
      "spotify:track:DDDDDDDDDDDDDDDDDDDDDD,,,,,nothing measured\r\n");
  ASSERT_EQ(rows.size(), 6u);

  // A row whose id is unusable is keyed by its uri; key -1 ("no key detected") is missing.
  EXPECT_EQ(rows[0].track_id, "AAAAAAAAAAAAAAAAAAAAAA");
  EXPECT_EQ(rows[0].skip, "");
  EXPECT_EQ(rows[0].features[AudioFeature::valence], 0.5);
  EXPECT_EQ(rows[0].features[AudioFeature::tempo], 120.0);
  EXPECT_FALSE(rows[0].features[AudioFeature::key].has_value());
  EXPECT_FALSE(rows[0].features[AudioFeature::energy].has_value());  // no such column

  EXPECT_EQ(rows[1].track_id, "BBBBBBBBBBBBBBBBBBBBBB");
  EXPECT_FALSE(rows[1].features[AudioFeature::tempo].has_value());  // an empty cell
  EXPECT_EQ(rows[1].features[AudioFeature::key], 3.0);
  EXPECT_EQ(rows[1].line, 3u);

  EXPECT_EQ(rows[2].skip, "no_track_id");
  EXPECT_EQ(rows[2].line, 5u);  // after the quoted line break
  EXPECT_EQ(rows[3].skip, "bad_track_id");
  EXPECT_EQ(rows[4].skip, "bad_value");
  EXPECT_EQ(rows[4].problem, "valence is '1.7', outside 0..1");
  EXPECT_EQ(rows[5].skip, "no_features");
  EXPECT_EQ(rows[5].track_id, "DDDDDDDDDDDDDDDDDDDDDD");
}

TEST(FeatureCatalogReader, ARowCarriesItsTitleAndArtistAsWritten) {
  auto source = string_source(
      "id,track,artist,valence\n"
      "AAAAAAAAAAAAAAAAAAAAAA,\"Halo\",\"Beyoncé, Someone\",0.5\n"
      "BBBBBBBBBBBBBBBBBBBBBB,,,0.25\n");
  FeatureCatalogReader reader(*source, "x.csv");
  CatalogRow row;
  ASSERT_TRUE(reader.next(row));
  EXPECT_EQ(row.title, "Halo");
  EXPECT_EQ(row.artist, "Beyoncé, Someone");
  ASSERT_TRUE(reader.next(row));
  EXPECT_EQ(row.title, "");  // the previous row's names do not linger
  EXPECT_EQ(row.artist, "");
  EXPECT_EQ(row.track_id, "BBBBBBBBBBBBBBBBBBBBBB");
}

TEST(FeatureCatalogReader, MalformedCsvIsAnErrorNotASkippedRow) {
  auto source = string_source("id,valence\nAAAAAAAAAAAAAAAAAAAAAA,0.5\nBBBBBBBBBBBBBBBBBBBBBB,0.5,extra\n");
  // The reader reads its first rows ahead (an ID column may be found by its content), so a
  // malformed row among them stops it while it opens the file.
  EXPECT_THROW(
      {
        try {
          FeatureCatalogReader reader(*source, "x.csv");
          CatalogRow row;
          while (reader.next(row)) {
          }
        } catch (const InputError& error) {
          EXPECT_STREQ(error.what(), "x.csv: line 3: 3 fields, but the header has 2");
          throw;
        }
      },
      InputError);
}

TEST(FeatureCatalogReader, ReadsTheDemosFeaturesCsvExactly) {
  const sim::Catalog catalog = sim::generate_catalog(200, 7);
  auto source = string_source(sim::render_features_csv(catalog));
  FeatureCatalogReader reader(*source, "audio_features.csv");
  CatalogRow row;
  for (const sim::CatalogTrack& track : catalog.tracks) {
    ASSERT_TRUE(reader.next(row));
    ASSERT_EQ(row.skip_reason, nullptr) << row.problem;
    EXPECT_EQ(row.track_id, track.id);
    const sim::AudioFeatures& f = track.features;
    EXPECT_EQ(row.features[AudioFeature::valence], f.valence);
    EXPECT_EQ(row.features[AudioFeature::energy], f.energy);
    EXPECT_EQ(row.features[AudioFeature::tempo], f.tempo);
    EXPECT_EQ(row.features[AudioFeature::loudness], f.loudness);
    EXPECT_EQ(row.features[AudioFeature::mode], f.mode);
    if (f.key == -1) {
      EXPECT_FALSE(row.features[AudioFeature::key].has_value());
    } else {
      EXPECT_EQ(row.features[AudioFeature::key], f.key);
    }
  }
  EXPECT_FALSE(reader.next(row));
}

// Every real catalog in ../shared with track IDs: its key columns and all eleven features are
// found, and every row is read; the one row of the lot without features is the only skip.
TEST(FeatureCatalogReader, ReadsEveryRealCatalogWithTrackIds) {
  SONIC_SHARED_DATA_OR_SKIP(folder, "catalogs");
  struct Expected {
    const char* file;
    std::vector<std::size_t> id_columns;
    std::int64_t rows;
    std::map<std::string, std::int64_t> skipped;
  };
  const Expected catalogs[] = {
      {"hit-predictor/dataset-of-60s.csv", {2}, 8642, {}},
      {"hit-predictor/dataset-of-70s.csv", {2}, 7766, {}},
      {"hit-predictor/dataset-of-80s.csv", {2}, 6908, {}},
      {"hit-predictor/dataset-of-90s.csv", {2}, 5520, {}},
      {"hit-predictor/dataset-of-00s.csv", {2}, 5872, {}},
      {"hit-predictor/dataset-of-10s.csv", {2}, 6398, {}},
      {"liked-bartek/audio_features.csv", {12, 13}, 5770, {}},
      {"liked-bartek/liked_songs_raw.csv", {0}, 5770, {}},
      {"popularity-yashdave/high_popularity_spotify_data.csv", {25, 16, 12}, 1686, {}},
      // One row has a track_id but no id, uri or features at all.
      {"popularity-yashdave/low_popularity_spotify_data.csv", {17, 21, 13}, 3145, {{"no_features", 1}}},
  };
  for (const Expected& expected : catalogs) {
    auto source = open_file_source(folder / expected.file);
    FeatureCatalogReader reader(*source, expected.file);
    EXPECT_EQ(reader.columns().track_id, expected.id_columns) << expected.file;
    for (const auto& column : reader.columns().features) EXPECT_TRUE(column.has_value()) << expected.file;
    std::int64_t rows = 0;
    std::map<std::string, std::int64_t> skipped;
    CatalogRow row;
    while (reader.next(row)) {
      ++rows;
      if (row.skip_reason) ++skipped[row.skip_reason];
    }
    EXPECT_EQ(rows, expected.rows) << expected.file;
    EXPECT_EQ(skipped, expected.skipped) << expected.file;
  }
}

TEST(FeatureCatalogReader, RefusesTheRealCatalogsWithoutTrackIds) {
  SONIC_SHARED_DATA_OR_SKIP(folder, "catalogs/genre-year-averages");
  for (const char* file : {"data_by_genres.csv", "data_by_year.csv"}) {
    auto source = open_file_source(folder / file);
    try {
      FeatureCatalogReader reader(*source, file);
      ADD_FAILURE() << file << " was accepted";
    } catch (const InputError& error) {
      const std::string message = error.what();
      EXPECT_TRUE(message.starts_with(std::string(file) + ": no Spotify track ID column")) << message;
      EXPECT_NE(message.find("its columns are: mode, "), std::string::npos) << message;
    }
  }
}

}  // namespace
}  // namespace sonic::sources
