#pragma once
// The audio features of one track, as sonic stores them: Spotify's former /audio-features
// fields, now served by ReccoBeats or read from a catalog file. A field the source did not give
// is nullopt, and so is `key` when no key was detected (ReccoBeats says -1).
#include <optional>

namespace sonic::sources {

struct AudioFeatures {
  std::optional<double> acousticness;      // 0..1
  std::optional<double> danceability;      // 0..1
  std::optional<double> energy;            // 0..1
  std::optional<double> instrumentalness;  // 0..1
  std::optional<int> key;                  // pitch class 0..11
  std::optional<double> liveness;          // 0..1
  std::optional<double> loudness;          // dB, usually -60..0
  std::optional<int> mode;                 // 0 minor, 1 major
  std::optional<double> speechiness;       // 0..1
  std::optional<double> tempo;             // BPM
  std::optional<double> valence;           // 0..1

  // How many fields are present: the more complete of two records describes a track better.
  int present_count() const;

  bool operator==(const AudioFeatures&) const = default;
};

}  // namespace sonic::sources
