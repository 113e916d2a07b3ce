#include "sonic/sources/audio_features.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace sonic::sources {
namespace {

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The cell as a log line may show it: short, and nothing a terminal would act on.
std::string excerpt(std::string_view text) {
  constexpr std::size_t kLongest = 32;
  std::string shown(text.substr(0, kLongest));
  std::replace_if(
      shown.begin(), shown.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }, '?');
  if (text.size() > kLongest) shown += "...";
  return "'" + shown + "'";
}

std::string range_text(const AudioFeatureSpec& spec) {
  const auto number = [](double value) {
    char text[32];
    const auto end = std::to_chars(text, text + sizeof text, value).ptr;
    return std::string(text, end);
  };
  return number(spec.min) + ".." + number(spec.max);
}

}  // namespace

FeatureCell read_audio_feature(AudioFeature feature, std::string_view text) {
  const AudioFeatureSpec& spec = spec_of(feature);
  const std::string_view cell = trim_spaces(text);
  if (cell.empty()) return {};
  const auto problem = [&](const std::string& what) {
    return FeatureCell{std::nullopt, std::string(spec.name) + " is " + excerpt(cell) + ", " + what};
  };

  double value = 0;
  const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (error != std::errc() || end != cell.data() + cell.size() || std::isnan(value)) {
    return problem("not a number");
  }
  if (value < spec.min || value > spec.max) return problem("outside " + range_text(spec));
  if (spec.whole && value != std::floor(value)) return problem("not a whole number");
  if (feature == AudioFeature::key && value == -1) return {};
  return {value, {}};
}

}  // namespace sonic::sources
