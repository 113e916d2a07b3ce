#include "sonic/sources/feature_catalog.hpp"

#include <algorithm>

#include "sonic/core/error.hpp"
#include "sonic/sources/spotify_track_id.hpp"

namespace sonic::sources {
namespace {

std::string joined(const auto& names, const char* last_separator) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    text += i == 0 ? "" : i + 1 == names.size() ? last_separator : ", ";
    text += names[i];
  }
  return text;
}

}  // namespace

std::array<std::optional<std::size_t>, kAudioFeatureCount> find_audio_feature_columns(
    const std::vector<std::string_view>& header) {
  std::array<std::optional<std::size_t>, kAudioFeatureCount> columns;
  for (const AudioFeatureSpec& spec : kAudioFeatures) {
    columns[static_cast<std::size_t>(spec.feature)] = column_named(header, spec.name);
  }
  return columns;
}

CatalogColumns find_catalog_columns(const std::vector<std::string_view>& header, const std::string& name,
                                    const std::vector<std::vector<std::string>>& sample, std::string_view id_column) {
  CatalogColumns columns;
  const auto ids = find_track_id_columns(header, sample, id_column, name);
  if (!ids) {
    throw InputError(name + ": no Spotify track ID column (named " + joined(kTrackIdColumns, " or ") +
                     ", or holding 22-character track IDs or spotify:track: URIs; --id-column names one), so its "
                     "rows cannot be matched to tracks; its columns are: " +
                     list_columns(header));
  }
  columns.track_id = ids->columns;
  columns.track_id_source = ids->source;
  columns.features = find_audio_feature_columns(header);
  for (const std::string_view title : kTrackTitleColumns)
    if (!columns.title) columns.title = column_named(header, title);
  for (const std::string_view artist : kArtistColumns)
    if (!columns.artist) columns.artist = column_named(header, artist);
  if (!columns.title || !columns.artist) columns.title = columns.artist = std::nullopt;
  const bool any_feature = std::any_of(columns.features.begin(), columns.features.end(),
                                       [](const auto& column) { return column.has_value(); });
  if (!any_feature) {
    std::vector<std::string_view> feature_names;
    for (const AudioFeatureSpec& spec : kAudioFeatures) feature_names.push_back(spec.name);
    throw InputError(name + ": no audio-feature column (" + joined(feature_names, " or ") +
                     "); its columns are: " + list_columns(header));
  }
  return columns;
}

FeatureCatalogReader::FeatureCatalogReader(ByteSource& source, std::string name, std::string_view id_column)
    : csv_(source, std::move(name)) {
  columns_ = find_catalog_columns(csv_.header(), csv_.name(), csv_.sample(), id_column);
}

bool FeatureCatalogReader::next(CatalogRow& row) {
  if (!csv_.next()) return false;
  const std::vector<std::string_view>& cells = csv_.fields();
  row.track_id.clear();
  row.title.clear();
  row.artist.clear();
  if (columns_.title) {
    row.title = cells[*columns_.title];
    row.artist = cells[*columns_.artist];
  }
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
