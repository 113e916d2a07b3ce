// Spotify track IDs and audio-feature cells: what is a value, what is missing, what is wrong.
#include "sonic/sources/audio_features.hpp"

#include <gtest/gtest.h>

#include "sonic/sources/spotify_track_id.hpp"

namespace sonic::sources {
namespace {

TEST(SpotifyTrackId, BareIdsAndTrackUrisOnly) {
  EXPECT_EQ(spotify_track_id("4GiXBCUF7H6YfNQsnBRIzl"), "4GiXBCUF7H6YfNQsnBRIzl");
  EXPECT_EQ(spotify_track_id("spotify:track:4GiXBCUF7H6YfNQsnBRIzl"), "4GiXBCUF7H6YfNQsnBRIzl");
  for (const char* not_a_track : {"", "spotify:track:", "4GiXBCUF7H6YfNQsnBRIz", "4GiXBCUF7H6YfNQsnBRIzlX",
                                  "4GiXBCUF7H6YfNQsnBRIz-", "spotify:episode:4GiXBCUF7H6YfNQsnBRIzl",
                                  "spotify:local:Artist:Title:Album:200", "12345", " 4GiXBCUF7H6YfNQsnBRIzl"}) {
    EXPECT_FALSE(spotify_track_id(not_a_track).has_value()) << not_a_track;
  }
}

TEST(AudioFeatureCell, NumbersInRangeAreValues) {
  EXPECT_EQ(read_audio_feature(AudioFeature::valence, "0.532").value, 0.532);
  EXPECT_EQ(read_audio_feature(AudioFeature::valence, " 1 ").value, 1.0);
  EXPECT_EQ(read_audio_feature(AudioFeature::acousticness, "5.51e-06").value, 5.51e-06);
  EXPECT_EQ(read_audio_feature(AudioFeature::loudness, "-47.327").value, -47.327);
  EXPECT_EQ(read_audio_feature(AudioFeature::loudness, "3.744").value, 3.744);  // real, loud
  EXPECT_EQ(read_audio_feature(AudioFeature::tempo, "0").value, 0.0);           // no beat detected
  EXPECT_EQ(read_audio_feature(AudioFeature::key, "11").value, 11.0);
  EXPECT_EQ(read_audio_feature(AudioFeature::key, "4.0").value, 4.0);  // pandas after a NaN
  EXPECT_EQ(read_audio_feature(AudioFeature::mode, "0").value, 0.0);
  EXPECT_TRUE(read_audio_feature(AudioFeature::mode, "1").problem.empty());
}

TEST(AudioFeatureCell, EmptyCellsAndNoKeyDetectedAreMissing) {
  for (const char* empty : {"", " ", "\t"}) {
    const FeatureCell cell = read_audio_feature(AudioFeature::energy, empty);
    EXPECT_FALSE(cell.value.has_value());
    EXPECT_TRUE(cell.problem.empty());
  }
  const FeatureCell no_key = read_audio_feature(AudioFeature::key, "-1");
  EXPECT_FALSE(no_key.value.has_value());
  EXPECT_TRUE(no_key.problem.empty());
}

TEST(AudioFeatureCell, WrongValuesAreProblemsThatSayWhy) {
  struct Case {
    AudioFeature feature;
    const char* text;
    const char* problem;
  };
  const Case cases[] = {
      {AudioFeature::valence, "1.7", "valence is '1.7', outside 0..1"},
      {AudioFeature::tempo, "-3", "tempo is '-3', outside 0..300"},
      {AudioFeature::energy, "high", "energy is 'high', not a number"},
      {AudioFeature::energy, "nan", "energy is 'nan', not a number"},
      {AudioFeature::energy, "0.5x", "energy is '0.5x', not a number"},
      {AudioFeature::energy, "0,5", "energy is '0,5', not a number"},
      {AudioFeature::loudness, "inf", "loudness is 'inf', outside -100..10"},
      {AudioFeature::key, "12", "key is '12', outside -1..11"},
      {AudioFeature::key, "4.5", "key is '4.5', not a whole number"},
      {AudioFeature::mode, "2", "mode is '2', outside 0..1"},
      {AudioFeature::danceability, "\x1b[31m", "danceability is '?[31m', not a number"},
  };
  for (const Case& c : cases) {
    const FeatureCell cell = read_audio_feature(c.feature, c.text);
    EXPECT_FALSE(cell.value.has_value()) << c.text;
    EXPECT_EQ(cell.problem, c.problem);
  }
}

TEST(AudioFeatureSpecs, AreInEnumOrderWithTheStoresColumnNames) {
  ASSERT_EQ(kAudioFeatures.size(), kAudioFeatureCount);
  for (std::size_t i = 0; i < kAudioFeatures.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(kAudioFeatures[i].feature), i);
  }
  EXPECT_EQ(spec_of(AudioFeature::valence).name, "valence");
  EXPECT_TRUE(spec_of(AudioFeature::key).whole);
  EXPECT_FALSE(spec_of(AudioFeature::tempo).whole);
}

}  // namespace
}  // namespace sonic::sources
