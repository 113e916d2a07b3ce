#pragma once
// A track catalog as CSV (public data sets of 40k to 1.2M tracks, a person's exports): the ID
// (track_id_columns.hpp), name, artists, album, year or release date, decade, the audio features,
// duration and time signature; every other column is kept by name as it is (numbers as numbers,
// text as labels: the cells as they are), so `target`, `popularity` or `genre` can be asked for later. Any separator
// (comma, tab, semicolon: detected), one row at a time with flat memory.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sonic/records/catalog_track.hpp"
#include "sonic/sources/byte_source.hpp"
#include "sonic/sources/sampled_csv.hpp"
#include "sonic/sources/track_id_columns.hpp"

namespace sonic::sources {

struct CatalogFileColumns {
  TrackIdColumns track_id;
  std::optional<std::size_t> name, artists, album, year, release_date, decade;
  std::array<std::optional<std::size_t>, records::kCatalogFeatureCount> features;
  std::vector<std::size_t> extra;        // every other column
  std::vector<std::string> extra_names;  // their header names, trimmed
};

// Why a catalog row is not stored: the reasons of `sonic catalog import`'s tally.
namespace catalog_row_skip {
inline constexpr const char* no_track_id = "no_track_id";    // every ID cell empty
inline constexpr const char* bad_track_id = "bad_track_id";  // no cell holds a track ID or URI
inline constexpr const char* bad_value = "bad_value";        // a feature out of range or not a number
inline constexpr const char* no_features = "no_features";    // not one of the thirteen numbers
}  // namespace catalog_row_skip

struct CatalogFileRow {
  std::string track_id;  // 22 base-62 characters
  std::string_view name, artists, album;
  int year = 0;  // 0: unknown
  int decade = 0;
  records::CatalogFeatureValues features{};
  // The other columns' cells (CatalogFileColumns::extra_names' order), trimmed, empty when not
  // given; bytes that are not UTF-8 become U+FFFD (the cells are stored and read back as text).
  std::vector<std::string_view> extra;
  const char* skip_reason = nullptr;  // nullptr: store it; else catalog_row_skip::
  std::string problem;                // for bad_value: which column and why
  std::vector<std::string> repaired;  // the text of the extra cells that were not UTF-8
};

class CatalogFileReader {
 public:
  // Reads the header and a sample to find the columns: InputError for an empty file, one
  // without a track ID column (see track_id_columns.hpp) or without one of the thirteen
  // numbers. `id_column`: --id-column, or empty.
  CatalogFileReader(ByteSource& source, std::string name, std::string_view id_column = {});

  // The next row; false after the last. Malformed CSV throws InputError naming file and line.
  bool next(CatalogFileRow& row);

  std::uint64_t line() const { return csv_.line(); }
  const CatalogFileColumns& columns() const { return columns_; }
  const std::vector<std::string_view>& header() const { return csv_.header(); }
  char separator() const { return csv_.separator(); }

 private:
  SampledCsvReader csv_;
  CatalogFileColumns columns_;
};

// A kept cell's number ("1", "-3.5e2", "+4"); nothing for text. A kept column is read as numbers
// (a label, a model's input) by this rule.
std::optional<double> catalog_number(std::string_view cell);

// The year of "1999", "1999-04-01" or "1999-04": 0 when the text holds none in 1000..2999.
int year_of(std::string_view text);
// A decade column's value: 1960, "1960s", "60s", 60 → 1960; 0 when unreadable.
int decade_of(std::string_view text);

}  // namespace sonic::sources
