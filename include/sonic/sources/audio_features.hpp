#pragma once
// How a cell of text (a catalog CSV, a service's reply) becomes an audio feature's value. The
// features themselves, their names and ranges are a record (records/audio_features.hpp), named
// here too since every source speaks of them.
#include <optional>
#include <string>
#include <string_view>

#include "sonic/records/audio_features.hpp"

namespace sonic::sources {

using records::AudioFeature;
using records::AudioFeatures;
using records::AudioFeatureSpec;
using records::kAudioFeatureCount;
using records::kAudioFeatures;
using records::spec_of;

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
