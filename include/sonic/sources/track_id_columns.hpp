#pragma once
// Which columns of a catalog CSV hold Spotify track IDs: by the name given (--id-column), else by
// a known header name, else by content (the column whose sample cells are 22-character base-62
// IDs or spotify:track: URIs), because real catalogs name the column anything (`song_id`,
// `spotify_id`, `Track URI`) or nothing useful. `sonic import-features` and `sonic catalog
// import` find their keys the same way.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sonic::sources {

// Header names that hold a track's ID or URI, in the order a row's key is looked for.
inline constexpr std::array<std::string_view, 9> kTrackIdColumns = {
    "id", "track_id", "uri", "track_uri", "song_id", "spotify_id", "spotify_uri", "spotify_track_id", "trackid"};

// Case and surrounding spaces ignored.
bool same_column_name(std::string_view header_cell, std::string_view wanted);
// The first column of that name.
std::optional<std::size_t> column_named(const std::vector<std::string_view>& header, std::string_view wanted);

// How the ID columns were found: the tally says so, so a surprising key can be noticed.
enum class IdColumnSource { option, name, content };
std::string_view id_column_source_name(IdColumnSource source);  // "option", "name", "content"

struct TrackIdColumns {
  // A row's key is the first of these holding a valid track ID or URI.
  std::vector<std::size_t> columns;
  IdColumnSource source = IdColumnSource::name;
};

// `sample`: the first rows after the header (any number, even none). `wanted`: --id-column, or
// empty. Named columns are used when the sample shows at least one ID in them (or the sample is
// empty); otherwise the column where most sample cells are IDs, if at least half its non-empty
// cells are. Nullopt when nothing qualifies; InputError naming the file when `wanted` is not a
// column.
std::optional<TrackIdColumns> find_track_id_columns(const std::vector<std::string_view>& header,
                                                    const std::vector<std::vector<std::string>>& sample,
                                                    std::string_view wanted, const std::string& file_name);

// "a, b, c" of a header, cut short and with control characters replaced: for error messages.
std::string list_columns(const std::vector<std::string_view>& header);

}  // namespace sonic::sources
