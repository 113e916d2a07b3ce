#include "sonic/sources/track_id_columns.hpp"

#include <algorithm>

#include "sonic/core/error.hpp"
#include "sonic/sources/spotify_track_id.hpp"

namespace sonic::sources {

bool same_column_name(std::string_view header_cell, std::string_view wanted) {
  while (!header_cell.empty() && header_cell.front() == ' ') header_cell.remove_prefix(1);
  while (!header_cell.empty() && header_cell.back() == ' ') header_cell.remove_suffix(1);
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; };
  return std::equal(header_cell.begin(), header_cell.end(), wanted.begin(), wanted.end(),
                    [&](char a, char b) { return lower(a) == lower(b); });
}

std::optional<std::size_t> column_named(const std::vector<std::string_view>& header, std::string_view wanted) {
  const auto found =
      std::find_if(header.begin(), header.end(), [&](std::string_view cell) { return same_column_name(cell, wanted); });
  if (found == header.end()) return std::nullopt;
  return static_cast<std::size_t>(found - header.begin());
}

std::string_view id_column_source_name(IdColumnSource source) {
  switch (source) {
    case IdColumnSource::option:
      return "option";
    case IdColumnSource::name:
      return "name";
    case IdColumnSource::content:
      return "content";
  }
  return "name";
}

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

namespace {

struct ColumnCounts {
  std::size_t ids = 0;
  std::size_t filled = 0;
};

ColumnCounts count_ids(const std::vector<std::vector<std::string>>& sample, std::size_t column) {
  ColumnCounts counts;
  for (const auto& row : sample) {
    if (column >= row.size() || row[column].empty()) continue;
    ++counts.filled;
    counts.ids += spotify_track_id(row[column]).has_value();
  }
  return counts;
}

}  // namespace

std::optional<TrackIdColumns> find_track_id_columns(const std::vector<std::string_view>& header,
                                                    const std::vector<std::vector<std::string>>& sample,
                                                    std::string_view wanted, const std::string& file_name) {
  if (!wanted.empty()) {
    const auto column = column_named(header, wanted);
    if (!column) {
      throw InputError(file_name + ": no column named '" + std::string(wanted) +
                       "' (--id-column); its columns are: " + list_columns(header));
    }
    return TrackIdColumns{{*column}, IdColumnSource::option};
  }
  TrackIdColumns named{{}, IdColumnSource::name};
  bool named_holds_ids = sample.empty();
  for (const std::string_view id_name : kTrackIdColumns) {
    const auto column = column_named(header, id_name);
    if (!column || std::find(named.columns.begin(), named.columns.end(), *column) != named.columns.end()) continue;
    named.columns.push_back(*column);
    named_holds_ids = named_holds_ids || count_ids(sample, *column).ids > 0;
  }
  if (!named.columns.empty() && named_holds_ids) return named;

  std::optional<std::size_t> best;
  std::size_t best_ids = 0;
  for (std::size_t column = 0; column < header.size(); ++column) {
    const ColumnCounts counts = count_ids(sample, column);
    if (counts.ids > best_ids && counts.ids * 2 >= counts.filled) {
      best = column;
      best_ids = counts.ids;
    }
  }
  if (best) return TrackIdColumns{{*best}, IdColumnSource::content};
  if (!named.columns.empty()) return named;  // no ID anywhere: its rows are skipped as bad IDs
  return std::nullopt;
}

}  // namespace sonic::sources
