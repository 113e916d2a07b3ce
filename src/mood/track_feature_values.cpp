#include "sonic/mood/track_feature_values.hpp"

namespace sonic::mood {
namespace {
constexpr std::string_view kLength = "length";
}

bool is_track_feature(std::string_view name) {
  if (name == kLength) return true;
  for (const auto& spec : sources::kAudioFeatures) {
    if (spec.name == name) return true;
  }
  return false;
}

std::vector<std::string> track_feature_names() {
  std::vector<std::string> names;
  for (const auto& spec : sources::kAudioFeatures) names.emplace_back(spec.name);
  names.emplace_back(kLength);
  return names;
}

std::optional<double> track_feature_value(const store::TrackFeatures& track, std::string_view name) {
  if (name == kLength) {
    if (!track.duration_ms) return std::nullopt;
    return static_cast<double>(*track.duration_ms);
  }
  for (const auto& spec : sources::kAudioFeatures) {
    if (spec.name == name) return track.features[spec.feature];
  }
  return std::nullopt;
}

}  // namespace sonic::mood
