#pragma once
// Spotify's audio features: the eleven numbers its API once served for every track, which
// public catalogs and services (ReccoBeats) still carry. Their names, the ranges real values lie
// in, and how a cell of text becomes a value.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sonic::sources {

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

// One cell of text read as `feature`.
struct FeatureCell {
  std::optional<double> value;  // nullopt: missing, or bad when `problem` is set
  std::string problem;          // e.g. "valence is 1.7, outside 0..1"
};

// A decimal number in range is the value. An empty cell (spaces aside) is missing, and so is
// key -1, Spotify's "no key detected". Text, NaN, a number out of range or a fraction where a
// whole number belongs is a problem, described for a log line.
FeatureCell read_audio_feature(AudioFeature feature, std::string_view text);

}  // namespace sonic::sources
