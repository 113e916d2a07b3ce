#include "sonic/sources/catalog_csv.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "sonic/core/error.hpp"
#include "sonic/sources/audio_features.hpp"
#include "sonic/sources/spotify_track_id.hpp"
#include "sources/utf8.hpp"

namespace sonic::sources {
namespace {

constexpr std::array<std::string_view, 6> kNameColumns = {"name", "track_name", "track", "title", "song", "song_name"};
constexpr std::array<std::string_view, 6> kArtistColumns = {"artists",     "artist",       "track_artist",
                                                            "artist_name", "artist_names", "artists_names"};
constexpr std::array<std::string_view, 3> kAlbumColumns = {"album", "album_name", "track_album_name"};
constexpr std::array<std::string_view, 2> kYearColumns = {"year", "release_year"};
constexpr std::array<std::string_view, 3> kReleaseDateColumns = {"release_date", "album_release_date",
                                                                 "track_album_release_date"};

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

template <std::size_t N>
std::optional<std::size_t> first_named(const std::vector<std::string_view>& header,
                                       const std::array<std::string_view, N>& names) {
  for (const std::string_view wanted : names) {
    if (const auto column = column_named(header, wanted)) return column;
  }
  return std::nullopt;
}

std::optional<double> number_of(std::string_view text) {
  const std::string_view cell = trimmed(text);
  if (cell.empty()) return std::nullopt;
  double value = 0;
  const char* begin = cell.data() + (cell.front() == '+' ? 1 : 0);
  const auto [end, error] = std::from_chars(begin, cell.data() + cell.size(), value);
  if (error != std::errc() || end != cell.data() + cell.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// A CSV cell may hold any bytes: a broken UTF-8 sequence becomes U+FFFD, so a kept cell or
// column name is text SQLite, JSON and the reports take (the fuzz target catalog_file found a
// Latin-1 header). Most cells are UTF-8 and come back as they are, without a copy.
std::string_view as_utf8(std::string_view text, std::string& repaired) {
  std::size_t i = 0;
  for (; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) < 0x80) continue;
    const int length = utf8::sequence_length(text.data() + i, text.size() - i);
    if (length <= 0) break;
    i += static_cast<std::size_t>(length) - 1;
  }
  if (i == text.size()) return text;
  repaired.assign(text.substr(0, i));
  for (; i < text.size(); ++i) {
    const int length =
        static_cast<unsigned char>(text[i]) < 0x80 ? 1 : utf8::sequence_length(text.data() + i, text.size() - i);
    if (length <= 0) {
      utf8::append(repaired, U'\uFFFD');
    } else {
      repaired.append(text.substr(i, static_cast<std::size_t>(length)));
      i += static_cast<std::size_t>(length) - 1;
    }
  }
  return repaired;
}

// duration_ms and time_signature: read as the audio features are, with ranges of their own.
std::optional<double> read_extra_feature(std::size_t index, std::string_view text, std::string& problem) {
  const std::string_view cell = trimmed(text);
  if (cell.empty()) return std::nullopt;
  const auto value = number_of(cell);
  const bool duration = index == records::kDurationFeature;
  const double max = duration ? 24.0 * 3600 * 1000 : 16;
  if (!value || *value < 0 || *value > max) {
    problem = std::string(records::kCatalogFeatureNames[index]) + " is '" + std::string(cell.substr(0, 32)) + "', " +
              (value ? "out of range" : "not a number");
    std::replace_if(
        problem.begin(), problem.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }, '?');
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::optional<double> catalog_number(std::string_view cell) { return number_of(cell); }

int year_of(std::string_view text) {
  const std::string_view cell = trimmed(text);
  if (cell.size() < 4) return 0;
  int year = 0;
  const auto [end, error] = std::from_chars(cell.data(), cell.data() + 4, year);
  if (error != std::errc() || end != cell.data() + 4) return 0;
  // "1999-04-01", "1999/04", or "1999.0" as pandas writes a year column with blanks in it.
  if (cell.size() > 4 && cell[4] != '-' && cell[4] != '/' && cell[4] != '.') return 0;
  return year >= 1000 && year <= 2999 ? year : 0;
}

int decade_of(std::string_view text) {
  std::string_view cell = trimmed(text);
  if (!cell.empty() && (cell.back() == 's' || cell.back() == 'S')) cell.remove_suffix(1);
  if (cell.starts_with('\'')) cell.remove_prefix(1);
  int value = 0;
  const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (error != std::errc() || end != cell.data() + cell.size() || value < 0) return 0;
  if (value < 100) value += value >= 30 ? 1900 : 2000;
  if (value < 1000 || value > 2999) return 0;
  return value / 10 * 10;
}

CatalogFileReader::CatalogFileReader(ByteSource& source, std::string name, std::string_view id_column)
    : csv_(source, std::move(name)) {
  const std::vector<std::string_view>& header = csv_.header();
  const auto ids = find_track_id_columns(header, csv_.sample(), id_column, csv_.name());
  if (!ids) {
    throw InputError(csv_.name() + ": no Spotify track ID column (named id, track_id, uri, track_uri, song_id, " +
                     "spotify_id, ..., or holding 22-character track IDs or spotify:track: URIs; --id-column " +
                     "names one); its columns are: " + list_columns(header));
  }
  columns_.track_id = *ids;
  columns_.name = first_named(header, kNameColumns);
  columns_.artists = first_named(header, kArtistColumns);
  columns_.album = first_named(header, kAlbumColumns);
  columns_.year = first_named(header, kYearColumns);
  columns_.release_date = first_named(header, kReleaseDateColumns);
  columns_.decade = column_named(header, "decade");
  bool any_feature = false;
  for (std::size_t i = 0; i < records::kCatalogFeatureCount; ++i) {
    columns_.features[i] = column_named(header, records::kCatalogFeatureNames[i]);
    any_feature = any_feature || columns_.features[i].has_value();
  }
  if (!any_feature) {
    throw InputError(csv_.name() + ": no audio-feature column (danceability, energy, valence, tempo, ...); its " +
                     "columns are: " + list_columns(header));
  }

  // Every column not already read is kept by name; so are the other ID-named columns' cousins
  // (album_id, track_href), which the leak guard keeps out of any model.
  std::vector<bool> used(header.size(), false);
  for (const std::size_t column : columns_.track_id.columns) used[column] = true;
  for (const auto& column :
       {columns_.name, columns_.artists, columns_.album, columns_.year, columns_.release_date, columns_.decade}) {
    if (column) used[*column] = true;
  }
  for (const auto& column : columns_.features) {
    if (column) used[*column] = true;
  }
  for (const std::string_view id_name : kTrackIdColumns) {
    if (const auto column = column_named(header, id_name)) used[*column] = true;
  }
  for (std::size_t column = 0; column < header.size(); ++column) {
    std::string repaired;
    const std::string_view column_name = as_utf8(trimmed(header[column]), repaired);
    const bool repeated =
        std::find(columns_.extra_names.begin(), columns_.extra_names.end(), column_name) != columns_.extra_names.end();
    if (used[column] || column_name.empty() || repeated) continue;
    columns_.extra.push_back(column);
    columns_.extra_names.emplace_back(column_name);
  }
}

bool CatalogFileReader::next(CatalogFileRow& row) {
  if (!csv_.next()) return false;
  const std::vector<std::string_view>& cells = csv_.fields();
  row.track_id.clear();
  row.skip_reason = nullptr;
  row.problem.clear();
  row.extra.assign(columns_.extra.size(), std::string_view());

  bool any_id_cell = false;
  for (const std::size_t column : columns_.track_id.columns) {
    const std::string_view cell = trimmed(cells[column]);
    any_id_cell = any_id_cell || !cell.empty();
    if (const auto id = spotify_track_id(cell)) {
      row.track_id = *id;
      break;
    }
  }
  if (row.track_id.empty()) {
    row.skip_reason = any_id_cell ? catalog_row_skip::bad_track_id : catalog_row_skip::no_track_id;
    return true;
  }

  bool any_feature = false;
  for (std::size_t i = 0; i < records::kCatalogFeatureCount; ++i) {
    row.features[i] = records::kMissingValue;
    const auto column = columns_.features[i];
    if (!column) continue;
    std::optional<double> value;
    if (i < records::kAudioFeatureCount) {
      FeatureCell cell = read_audio_feature(static_cast<AudioFeature>(i), cells[*column]);
      if (!cell.problem.empty()) row.problem = std::move(cell.problem);
      value = cell.value;
    } else {
      value = read_extra_feature(i, cells[*column], row.problem);
    }
    if (!row.problem.empty()) {
      row.skip_reason = catalog_row_skip::bad_value;
      return true;
    }
    if (value) {
      row.features[i] = *value;
      any_feature = true;
    }
  }
  if (!any_feature) {
    row.skip_reason = catalog_row_skip::no_features;
    return true;
  }

  const auto cell_of = [&](const std::optional<std::size_t>& column) {
    return column ? trimmed(cells[*column]) : std::string_view();
  };
  row.name = cell_of(columns_.name);
  row.artists = cell_of(columns_.artists);
  row.album = cell_of(columns_.album);
  row.year = columns_.year ? year_of(cell_of(columns_.year)) : 0;
  if (row.year == 0 && columns_.release_date) row.year = year_of(cell_of(columns_.release_date));
  row.decade = columns_.decade ? decade_of(cell_of(columns_.decade)) : 0;
  if (row.decade == 0 && row.year != 0) row.decade = row.year / 10 * 10;

  // At most one repaired cell per column, so the views into `repaired` stay put while it fills.
  row.repaired.resize(columns_.extra.size());
  for (std::size_t i = 0; i < columns_.extra.size(); ++i) {
    row.extra[i] = as_utf8(trimmed(cells[columns_.extra[i]]), row.repaired[i]);
  }
  return true;
}

}  // namespace sonic::sources
