#include "sonic/sources/feature_catalog.hpp"

#include <algorithm>

#include "sonic/core/error.hpp"
#include "sonic/sources/spotify_track_id.hpp"

namespace sonic::sources {
namespace {

bool same_name(std::string_view header_cell, std::string_view wanted) {
  while (!header_cell.empty() && header_cell.front() == ' ') header_cell.remove_prefix(1);
  while (!header_cell.empty() && header_cell.back() == ' ') header_cell.remove_suffix(1);
  return std::equal(header_cell.begin(), header_cell.end(), wanted.begin(), wanted.end(),
                    [](char a, char b) { return (a >= 'A' && a <= 'Z' ? a + ('a' - 'A') : a) == b; });
}

std::optional<std::size_t> column_named(const std::vector<std::string_view>& header, std::string_view wanted) {
  const auto found =
      std::find_if(header.begin(), header.end(), [&](std::string_view cell) { return same_name(cell, wanted); });
  if (found == header.end()) return std::nullopt;
  return static_cast<std::size_t>(found - header.begin());
}

// "a, b, c", cut short for a file of hundreds of columns.
std::string list_columns(const std::vector<std::string_view>& header) {
  constexpr std::size_t kShown = 40;
  std::string list;
  for (std::size_t i = 0; i < header.size() && i < kShown; ++i) {
    list += (i ? ", " : "");
    std::string name(header[i].substr(0, 60));
    // A header is data: nothing in it may reach a terminal as a control character.
    std::replace_if(
        name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }, '?');
    list += name;
  }
  if (header.size() > kShown) list += ", ... (" + std::to_string(header.size()) + " in all)";
  return list;
}

std::string joined(const auto& names, const char* last_separator) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    text += i == 0 ? "" : i + 1 == names.size() ? last_separator : ", ";
    text += names[i];
  }
  return text;
}

}  // namespace

CatalogColumns find_catalog_columns(const std::vector<std::string_view>& header, const std::string& name) {
  CatalogColumns columns;
  for (const std::string_view id_name : kTrackIdColumns) {
    if (const auto index = column_named(header, id_name)) columns.track_id.push_back(*index);
  }
  if (columns.track_id.empty()) {
    throw InputError(name + ": no Spotify track ID column (" + joined(kTrackIdColumns, " or ") +
                     "), so its rows cannot be matched to your tracks; its columns are: " + list_columns(header));
  }
  bool any_feature = false;
  for (const AudioFeatureSpec& spec : kAudioFeatures) {
    auto& column = columns.features[static_cast<std::size_t>(spec.feature)];
    column = column_named(header, spec.name);
    any_feature = any_feature || column.has_value();
  }
  if (!any_feature) {
    std::vector<std::string_view> feature_names;
    for (const AudioFeatureSpec& spec : kAudioFeatures) feature_names.push_back(spec.name);
    throw InputError(name + ": no audio-feature column (" + joined(feature_names, " or ") +
                     "); its columns are: " + list_columns(header));
  }
  return columns;
}

FeatureCatalogReader::FeatureCatalogReader(ByteSource& source, std::string name) : csv_(source, std::move(name)) {
  if (!csv_.next()) throw InputError(csv_.name() + ": empty file, expected a header line");
  columns_ = find_catalog_columns(csv_.fields(), csv_.name());
}

bool FeatureCatalogReader::next(CatalogRow& row) {
  if (!csv_.next()) return false;
  const std::vector<std::string_view>& cells = csv_.fields();
  row.track_id.clear();
  row.features = {};
  row.skip_reason = nullptr;
  row.problem.clear();

  bool any_id_cell = false;
  for (const std::size_t column : columns_.track_id) {
    const std::string_view cell = cells[column];
    any_id_cell = any_id_cell || !cell.empty();
    if (const auto id = spotify_track_id(cell)) {
      row.track_id = *id;
      break;
    }
  }
  if (row.track_id.empty()) {
    row.skip_reason = any_id_cell ? catalog_skip::bad_track_id : catalog_skip::no_track_id;
    return true;
  }

  for (const AudioFeatureSpec& spec : kAudioFeatures) {
    const auto column = columns_.features[static_cast<std::size_t>(spec.feature)];
    if (!column) continue;
    FeatureCell cell = read_audio_feature(spec.feature, cells[*column]);
    if (!cell.problem.empty()) {
      row.skip_reason = catalog_skip::bad_value;
      row.problem = std::move(cell.problem);
      return true;
    }
    row.features[spec.feature] = cell.value;
  }
  if (row.features.empty()) row.skip_reason = catalog_skip::no_features;
  return true;
}

}  // namespace sonic::sources
