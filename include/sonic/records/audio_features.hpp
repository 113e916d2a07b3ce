#pragma once
// Spotify's audio features: the eleven numbers its API once served for every track, which
// public catalogs and services (ReccoBeats) still carry. Their names, the ranges real values lie
// in, and one track's values: a plain record the store returns and features/ and mood/ read.
// How a cell of text becomes a value is sources/audio_features.hpp.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sonic::records {

enum class AudioFeature : std::uint8_t {
  acousticness,
  danceability,
  energy,
  instrumentalness,
  key,
  liveness,
  loudness,
  mode,
  speechiness,
  tempo,
  valence,
};
inline constexpr std::size_t kAudioFeatureCount = 11;

struct AudioFeatureSpec {
  AudioFeature feature;
  std::string_view name;  // as Spotify's API, the catalogs and the store's columns spell it
  double min;             // outside [min, max] a value is wrong data, not an unusual track
  double max;
  bool whole;  // key and mode are whole numbers
};

// In the order of the enum. The ranges are Spotify's documented ones, widened where real
// catalogs hold real tracks beyond them (loudness above 0 dB, tempo 0 for no detected beat).
inline constexpr std::array<AudioFeatureSpec, kAudioFeatureCount> kAudioFeatures = {{
    {AudioFeature::acousticness, "acousticness", 0, 1, false},
    {AudioFeature::danceability, "danceability", 0, 1, false},
    {AudioFeature::energy, "energy", 0, 1, false},
    {AudioFeature::instrumentalness, "instrumentalness", 0, 1, false},
    {AudioFeature::key, "key", -1, 11, true},  // pitch class; -1: no key detected
    {AudioFeature::liveness, "liveness", 0, 1, false},
    {AudioFeature::loudness, "loudness", -100, 10, false},  // dB
    {AudioFeature::mode, "mode", 0, 1, true},               // 0 minor, 1 major
    {AudioFeature::speechiness, "speechiness", 0, 1, false},
    {AudioFeature::tempo, "tempo", 0, 300, false},  // beats per minute
    {AudioFeature::valence, "valence", 0, 1, false},
}};

inline const AudioFeatureSpec& spec_of(AudioFeature feature) {
  return kAudioFeatures[static_cast<std::size_t>(feature)];
}

// One track's features; one the source does not give is nullopt.
struct AudioFeatures {
  std::array<std::optional<double>, kAudioFeatureCount> values;

  std::optional<double>& operator[](AudioFeature f) { return values[static_cast<std::size_t>(f)]; }
  const std::optional<double>& operator[](AudioFeature f) const { return values[static_cast<std::size_t>(f)]; }
  bool empty() const;         // not one feature given
  int present_count() const;  // how many are given: the more complete record says more
  bool operator==(const AudioFeatures&) const = default;
};

}  // namespace sonic::records
