#include "sonic/mood/labelled_tracks.hpp"

#include "sonic/core/error.hpp"
#include "sonic/core/join.hpp"
#include "sonic/mood/track_feature_values.hpp"
#include "sonic/sources/byte_source.hpp"
#include "sonic/sources/csv_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace sonic::mood {
namespace {

std::string trimmed(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return "";
  return std::string(text.substr(begin, text.find_last_not_of(" \t") - begin + 1));
}

}  // namespace

LabelledTracks read_labelled_tracks(const std::filesystem::path& path, const LabelledColumns& columns) {
  for (const auto& name : columns.features) {
    if (!is_track_feature(name)) {
      throw UsageError("feature '" + name + "' is not one a history track has; choose from " +
                       join(track_feature_names(), ", "));
    }
  }
  const auto source = sources::open_file_source(path);
  sources::CsvReader csv(*source, path.string());
  if (!csv.next()) throw InputError(path.string() + ": empty file, expected a header row");
  std::vector<std::string> header;
  for (const auto field : csv.fields()) header.push_back(trimmed(field));
  const auto column_of = [&](const std::string& name) {
    const auto found = std::find(header.begin(), header.end(), name);
    if (found == header.end()) {
      throw InputError(path.string() + ": no column '" + name + "' (the file has: " + join(header, ", ") + ")");
    }
    return static_cast<std::size_t>(found - header.begin());
  };
  const auto label_column = column_of(columns.label);
  std::vector<std::size_t> feature_columns;
  for (const auto& name : columns.features) feature_columns.push_back(column_of(name));

  std::vector<std::vector<float>> rows;
  std::vector<std::string> row_labels;
  LabelledTracks set;
  while (csv.next()) {
    const auto& fields = csv.fields();
    const auto label = trimmed(fields[label_column]);
    if (label.empty()) {
      ++set.rows_without_label;
      continue;
    }
    std::vector<float> values;
    for (std::size_t i = 0; i < feature_columns.size(); ++i) {
      const auto cell = trimmed(fields[feature_columns[i]]);
      double value = 0;
      const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
      if (cell.empty() || error != std::errc() || end != cell.data() + cell.size() || !std::isfinite(value)) {
        csv.fail(columns.features[i] + " is '" + cell + "', not a number");
      }
      values.push_back(static_cast<float>(value));
    }
    rows.push_back(std::move(values));
    row_labels.push_back(label);
  }
  std::map<std::string, int> counts;
  for (const auto& label : row_labels) ++counts[label];
  if (counts.size() < 2)
    throw InputError(path.string() + ": needs at least two different labels in '" + columns.label + "'");
  for (const auto& [label, count] : counts) {
    if (count < 2)
      throw InputError(path.string() + ": label '" + label + "' has a single row; every class needs two or more");
    set.classes.push_back(label);
  }
  set.feature_names = columns.features;
  set.features.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(columns.features.size()));
  set.labels.resize(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c)
      set.features(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rows[r][c];
    set.labels(static_cast<Eigen::Index>(r)) =
        static_cast<int>(std::find(set.classes.begin(), set.classes.end(), row_labels[r]) - set.classes.begin());
  }
  return set;
}

}  // namespace sonic::mood
