#include "sonic/sim/genre_catalog_csv.hpp"

#include <gtest/gtest.h>

#include <set>

namespace sonic::sim {
namespace {

CatalogTrack track(std::string id, std::string title, std::string artist, LatentMood mood) {
  CatalogTrack made;
  made.id = std::move(id);
  made.title = std::move(title);
  made.artist = std::move(artist);
  made.mood = mood;
  return made;
}

// An artist's genres follow the mood most of their tracks have, on every row of theirs; names
// with commas and quotes stay one field.
TEST(GenreCatalogCsv, EachRowCarriesItsArtistsMajorityMoodGenres) {
  Catalog catalog;
  catalog.tracks = {track("1aaaaaaaaaaaaaaaaaaaaa", "Hush", "Ann, \"the\" Band", LatentMood::calm),
                    track("2bbbbbbbbbbbbbbbbbbbbb", "Yay", "Ann, \"the\" Band", LatentMood::happy),
                    track("3ccccccccccccccccccccc", "Still", "Ann, \"the\" Band", LatentMood::calm),
                    track("4ddddddddddddddddddddd", "Go", "Bo", LatentMood::energetic)};
  // Default features: every number 0 but mode (1), as the features CSV writes them.
  const std::string features = ",0,0,0,0,1,0,0,0,0,0,0";
  EXPECT_EQ(render_genre_catalog_csv(catalog),
            "id,danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,"
            "liveness,valence,tempo,name,artists,artist_genres\n"
            "1aaaaaaaaaaaaaaaaaaaaa" +
                features +
                ",\"Hush\",\"Ann, \"\"the\"\" Band\",\"['ambient', 'folk']\"\n"
                "2bbbbbbbbbbbbbbbbbbbbb" +
                features +
                ",\"Yay\",\"Ann, \"\"the\"\" Band\",\"['ambient', 'folk']\"\n"
                "3ccccccccccccccccccccc" +
                features +
                ",\"Still\",\"Ann, \"\"the\"\" Band\",\"['ambient', 'folk']\"\n"
                "4ddddddddddddddddddddd" +
                features + ",\"Go\",\"Bo\",\"['electronic', 'drum & bass']\"\n");
}

TEST(GenreCatalogCsv, EveryMoodPlantsTwoGenresNoneShared) {
  std::set<std::string> seen;
  for (const LatentMood mood : kAllMoods) {
    ASSERT_EQ(planted_genres(mood).size(), 2u);
    for (const auto& genre : planted_genres(mood)) EXPECT_TRUE(seen.insert(genre).second) << genre;
  }
}

}  // namespace
}  // namespace sonic::sim
