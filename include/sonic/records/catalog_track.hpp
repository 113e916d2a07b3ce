#pragma once
// A catalog's tracks as the catalog lab reads them: the eleven audio features plus duration and
// time signature (the thirteen numbers every public catalog carries), the period a track belongs
// to and its artists. Column-wise, because a lab over 1.2M tracks computes per feature.
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "sonic/records/audio_features.hpp"

namespace sonic::records {

inline constexpr std::size_t kCatalogFeatureCount = kAudioFeatureCount + 2;
// The audio features in AudioFeature order, then duration and time signature: also the store's
// column names.
inline constexpr std::array<std::string_view, kCatalogFeatureCount> kCatalogFeatureNames = {
    "acousticness", "danceability", "energy", "instrumentalness", "key",         "liveness",      "loudness",
    "mode",         "speechiness",  "tempo",  "valence",          "duration_ms", "time_signature"};
inline constexpr std::size_t kDurationFeature = kAudioFeatureCount;
inline constexpr std::size_t kTimeSignatureFeature = kAudioFeatureCount + 1;

// NaN: the catalog does not give it for that track.
using CatalogFeatureValues = std::array<double, kCatalogFeatureCount>;
inline constexpr double kMissingValue = std::numeric_limits<double>::quiet_NaN();

// The index of a feature name, or kCatalogFeatureCount.
inline std::size_t catalog_feature_index(std::string_view name) {
  for (std::size_t i = 0; i < kCatalogFeatureCount; ++i) {
    if (kCatalogFeatureNames[i] == name) return i;
  }
  return kCatalogFeatureCount;
}

// One row per track, in the store's order; `track_ids`, `artists` and `labels` are filled only
// when asked for.
struct CatalogTable {
  std::vector<std::string> track_ids;
  std::vector<std::string> artists;  // as the file wrote them (a name, or a list "['a', 'b']")
  std::vector<int> years;            // 0: unknown
  std::vector<int> decades;          // 0: unknown; the file's decade column, else from the year
  std::vector<CatalogFeatureValues> features;
  std::vector<double> labels;  // a numeric column asked for by name; NaN where missing
  // Other numeric columns asked for by name: extra_values[c][row], NaN where missing or text.
  std::vector<std::string> extra_names;
  std::vector<std::vector<double>> extra_values;

  std::size_t size() const { return features.size(); }
};

}  // namespace sonic::records
