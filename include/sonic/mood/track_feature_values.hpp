#pragma once
// The features a mood model may use, as a history track provides them: the audio features by
// their Spotify names, and "length" (the name labelled sets such as data_moods.csv use) for the
// track's duration in milliseconds.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sonic/store/mood_store.hpp"

namespace sonic::mood {

bool is_track_feature(std::string_view name);
std::vector<std::string> track_feature_names();  // every name is_track_feature accepts
// Nullopt when the track lacks it.
std::optional<double> track_feature_value(const store::TrackFeatures& track, std::string_view name);

}  // namespace sonic::mood
