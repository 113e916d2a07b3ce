#include "sonic/sim/catalog.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string_view>

namespace sonic::sim {
namespace {

const Catalog& default_catalog() {
  static const Catalog catalog = generate_catalog(600, 42);
  return catalog;
}

bool is_spotify_id(const std::string& id) {
  return id.size() == 22 && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
         });
}

TEST(Catalog, HasTheAskedSizeAndUniqueSpotifyIds) {
  const Catalog& catalog = default_catalog();
  ASSERT_EQ(catalog.tracks.size(), 600u);
  std::set<std::string> ids;
  for (const auto& track : catalog.tracks) {
    EXPECT_TRUE(is_spotify_id(track.id)) << track.id;
    EXPECT_EQ(track.uri(), "spotify:track:" + track.id);
    ids.insert(track.id);
  }
  for (const auto& episode : catalog.episodes) {
    EXPECT_TRUE(is_spotify_id(episode.id)) << episode.id;
    ids.insert(episode.id);
  }
  EXPECT_EQ(ids.size(), catalog.tracks.size() + catalog.episodes.size());
}

TEST(Catalog, SameSeedSameCatalogDifferentSeedDifferent) {
  const Catalog again = generate_catalog(600, 42);
  const Catalog other = generate_catalog(600, 43);
  ASSERT_EQ(again.tracks.size(), default_catalog().tracks.size());
  for (std::size_t i = 0; i < again.tracks.size(); ++i) {
    EXPECT_EQ(again.tracks[i].id, default_catalog().tracks[i].id);
    EXPECT_EQ(again.tracks[i].title, default_catalog().tracks[i].title);
    EXPECT_EQ(again.tracks[i].features.tempo, default_catalog().tracks[i].features.tempo);
  }
  EXPECT_NE(other.tracks.front().id, default_catalog().tracks.front().id);
  EXPECT_NE(other.artists, default_catalog().artists);
}

TEST(Catalog, AboutAHundredAndTwentyArtistsWithSeveralTracksEach) {
  const Catalog& catalog = default_catalog();
  EXPECT_EQ(catalog.artists.size(), 120u);
  std::map<std::string, int> tracks_per_artist;
  for (const auto& track : catalog.tracks) ++tracks_per_artist[track.artist];
  EXPECT_EQ(tracks_per_artist.size(), catalog.artists.size());  // nobody without a track
  int with_several = 0;
  for (const auto& [artist, count] : tracks_per_artist) with_several += count >= 3;
  EXPECT_GT(with_several, 90);
}

TEST(Catalog, ArtistsLeanTowardsOneMood) {
  std::map<std::string, std::array<int, kMoodCount>> moods_per_artist;
  for (const auto& track : default_catalog().tracks) {
    ++moods_per_artist[track.artist][mood_index(track.mood)];
  }
  int leaning = 0, with_four_or_more = 0;
  for (const auto& [artist, counts] : moods_per_artist) {
    int total = 0;
    for (int count : counts) total += count;
    if (total < 4) continue;
    ++with_four_or_more;
    leaning += *std::max_element(counts.begin(), counts.end()) * 10 >= total * 6;
  }
  EXPECT_GT(leaning, with_four_or_more * 8 / 10);
}

TEST(Catalog, FeaturesAndDurationsAreInSpotifysRanges) {
  for (const auto& track : default_catalog().tracks) {
    const AudioFeatures& f = track.features;
    for (double unit :
         {f.acousticness, f.danceability, f.energy, f.instrumentalness, f.liveness, f.speechiness, f.valence}) {
      EXPECT_GE(unit, 0.0);
      EXPECT_LE(unit, 1.0);
    }
    EXPECT_GE(f.loudness, -30.0);
    EXPECT_LE(f.loudness, 0.0);
    EXPECT_GE(f.tempo, 60.0);
    EXPECT_LE(f.tempo, 200.0);
    EXPECT_GE(f.key, -1);
    EXPECT_LE(f.key, 11);
    EXPECT_TRUE(f.mode == 0 || f.mode == 1);
    EXPECT_GE(track.duration_ms, 120'000);
    EXPECT_LE(track.duration_ms, 420'000);
  }
}

// The planted moods must be recoverable from the features alone: assigning each track to the
// nearest mood centre (on the features sonic clusters by, scaled to comparable ranges) should
// almost always give back its mood. If the profiles collapse, K-Means would find nothing.
TEST(Catalog, MoodsAreSeparableByAudioFeatures) {
  const auto& tracks = default_catalog().tracks;
  auto point = [](const AudioFeatures& f) {
    return std::array<double, 6>{f.valence,      f.energy,           f.danceability,
                                 f.acousticness, f.instrumentalness, (f.tempo - 60) / 140};
  };
  std::array<std::array<double, 6>, kMoodCount> centres{};
  std::array<int, kMoodCount> counts{};
  for (const auto& track : tracks) {
    const auto p = point(track.features);
    for (std::size_t d = 0; d < 6; ++d) centres[mood_index(track.mood)][d] += p[d];
    ++counts[mood_index(track.mood)];
  }
  for (std::size_t m = 0; m < kMoodCount; ++m) {
    ASSERT_GT(counts[m], 50) << mood_name(kAllMoods[m]);
    for (double& value : centres[m]) value /= counts[m];
  }
  int recovered = 0;
  for (const auto& track : tracks) {
    const auto p = point(track.features);
    std::size_t nearest = 0;
    double best = 1e9;
    for (std::size_t m = 0; m < kMoodCount; ++m) {
      double distance = 0;
      for (std::size_t d = 0; d < 6; ++d) {
        distance += (p[d] - centres[m][d]) * (p[d] - centres[m][d]);
      }
      if (distance < best) {
        best = distance;
        nearest = m;
      }
    }
    recovered += nearest == mood_index(track.mood);
  }
  EXPECT_GT(recovered, static_cast<int>(tracks.size()) * 9 / 10);
}

TEST(Catalog, PlantsNamesThatTestEscapingAndUnicode) {
  std::set<std::string> names;
  for (const auto& track : default_catalog().tracks) {
    names.insert(track.title);
    names.insert(track.artist);
    names.insert(track.album);
  }
  auto has = [&](std::string_view needle) {
    return std::any_of(names.begin(), names.end(),
                       [&](const std::string& name) { return name.find(needle) != name.npos; });
  };
  EXPECT_TRUE(names.count("<script>alert(1)</script>"));
  EXPECT_TRUE(has("&"));
  EXPECT_TRUE(has("\""));
  EXPECT_TRUE(has("\\"));
  EXPECT_TRUE(has("é"));
  EXPECT_TRUE(has("夜"));
}

TEST(Catalog, SmallestCatalogStillWorks) {
  const Catalog tiny = generate_catalog(10, 1);
  EXPECT_EQ(tiny.tracks.size(), 10u);
  EXPECT_EQ(tiny.artists.size(), 10u);
}

}  // namespace
}  // namespace sonic::sim
