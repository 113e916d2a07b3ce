#pragma once
// Catalogs of audio features keyed by Spotify track ID, as CSV: public datasets, a person's own
// exports, the demo's audio_features.csv. Columns are found by name in the header, whatever
// their order or case and whatever else the file holds; a row at a time, with flat memory.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sonic/sources/audio_features.hpp"
#include "sonic/sources/byte_source.hpp"
#include "sonic/sources/sampled_csv.hpp"
#include "sonic/sources/track_id_columns.hpp"

namespace sonic::sources {

struct CatalogColumns {
  // The file's ID columns (indexes), in the order of kTrackIdColumns when found by name. A row's
  // key is the first of them holding a valid track ID or URI, so a file whose `id` holds
  // something else, or is blank in a row, still keys that row by its `uri` or `track_id`.
  std::vector<std::size_t> track_id;
  IdColumnSource track_id_source = IdColumnSource::name;
  std::array<std::optional<std::size_t>, kAudioFeatureCount> features;  // by AudioFeature
  // Optional track title and artist columns (kTrackTitleColumns, kArtistColumns): with both, a
  // row whose ID is not in the history can still be matched to a history track by name.
  std::optional<std::size_t> title;
  std::optional<std::size_t> artist;
};

// Header names of a catalog's title and artist columns, first found wins (hit-predictor:
// track/artist; liked songs: name/artist_name; the popularity catalogs: track_name/track_artist).
inline constexpr std::string_view kTrackTitleColumns[] = {"track_name", "track", "name", "title"};
inline constexpr std::string_view kArtistColumns[] = {"track_artist", "artist_name", "artist", "artists"};

// Finds the columns (track_id_columns.hpp for the IDs; features by name, case and surrounding
// spaces ignored, the first of a repeated name winning). InputError naming the file, and listing
// its columns, when it has no track ID column or not one audio-feature column.
CatalogColumns find_catalog_columns(const std::vector<std::string_view>& header, const std::string& name,
                                    const std::vector<std::vector<std::string>>& sample = {},
                                    std::string_view id_column = {});

// The audio-feature columns by name, each nullopt when absent.
std::array<std::optional<std::size_t>, kAudioFeatureCount> find_audio_feature_columns(
    const std::vector<std::string_view>& header);

// Why a row cannot be stored: the reasons of an import's tally.
namespace catalog_skip {
inline constexpr const char* no_track_id = "no_track_id";    // every ID cell empty
inline constexpr const char* bad_track_id = "bad_track_id";  // no cell holds a track ID or URI
inline constexpr const char* bad_value = "bad_value";        // a feature out of range or not a number
inline constexpr const char* no_features = "no_features";    // every feature cell empty
}  // namespace catalog_skip

struct CatalogRow {
  std::string track_id;  // 22 base62 characters
  std::string title;     // empty when the catalog has no title or artist column
  std::string artist;    // as written, possibly several ("A, B", "A Featuring B")
  AudioFeatures features;
  const char* skip_reason = nullptr;  // nullptr when the row can be stored; else catalog_skip::
  std::string problem;                // for bad_value: which feature and why, for the log
};

class FeatureCatalogReader {
 public:
  // Reads the header and finds the columns: InputError for an empty file or one that is no
  // catalog. The source must outlive the reader.
  FeatureCatalogReader(ByteSource& source, std::string name, std::string_view id_column = {});

  // Reads the next row; false after the last. Malformed CSV throws InputError naming the file
  // and line; a bad value only marks the row.
  bool next(CatalogRow& row);

  std::uint64_t line() const { return csv_.line(); }  // of the current row
  const CatalogColumns& columns() const { return columns_; }

 private:
  SampledCsvReader csv_;
  CatalogColumns columns_;
};

}  // namespace sonic::sources
