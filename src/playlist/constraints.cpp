#include "sonic/playlist/constraints.hpp"

#include <cmath>

#include "sonic/core/error.hpp"

namespace sonic::playlist {

FeatureRange feature_domain(const std::string& feature) {
  if (feature == "tempo") return {40, 220};
  for (const char* name : kPlaylistFeatures) {
    if (feature == name) return {0, 1};
  }
  throw UsageError("no playlist feature named '" + feature + "'");
}

const char* ordering_name(Ordering ordering) {
  switch (ordering) {
    case Ordering::build_up:
      return "build_up";
    case Ordering::wind_down:
      return "wind_down";
    case Ordering::steady:
      break;
  }
  return "steady";
}

namespace {

nlohmann::json optional_text(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

double rounded(double value) { return std::round(value * 1000) / 1000; }

}  // namespace

nlohmann::json to_json(const Constraints& constraints) {
  nlohmann::json ranges = nlohmann::json::object();
  for (const char* feature : kPlaylistFeatures) {
    const auto found = constraints.ranges.find(feature);
    if (found != constraints.ranges.end()) ranges[feature] = {rounded(found->second.low), rounded(found->second.high)};
  }
  return {
      {"ranges", ranges},
      {"time_of_day", optional_text(constraints.time_of_day)},
      {"day_type", optional_text(constraints.day_type)},
      {"mood", optional_text(constraints.mood)},
      {"discovery_share", rounded(constraints.discovery_share)},
      {"size",
       {{"songs", constraints.size.songs},
        {"minutes", constraints.size.minutes ? nlohmann::json(*constraints.size.minutes) : nlohmann::json(nullptr)}}},
      {"ordering", ordering_name(constraints.ordering)},
      {"name", optional_text(constraints.name)},
      {"description", optional_text(constraints.description)},
      {"source", constraints.source}};
}

nlohmann::json to_json(const ParseNotes& notes) {
  return {{"matched", notes.matched},
          {"corrected", notes.corrected},
          {"unknown_words", notes.unknown},
          {"conflicts", notes.conflicts}};
}

}  // namespace sonic::playlist
