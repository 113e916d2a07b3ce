#pragma once
// The JSON files of an extended streaming history export, as Spotify names and formats them:
// the current layout (2024 on), all 23 keys in Spotify's order, pretty-printed with two spaces.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "sonic/sim/history.hpp"
#include "sonic/sim/stream_row.hpp"

namespace sonic::sim {

inline constexpr const char* kExtendedHistoryFolder = "Spotify Extended Streaming History/";
// Real files hold up to ~12 MB; at ~800 bytes a row that is about 16,000 rows.
inline constexpr std::size_t kDefaultRowsPerFile = 16'000;

// The keys of one row, in the order Spotify writes them.
std::span<const char* const> extended_history_keys();

struct ExportFile {
  std::string name;  // path inside the zip, e.g. "Spotify Extended Streaming History/
                     // Streaming_History_Audio_2025_0.json"
  std::string json;
};

// One JSON array per file, filled in ts order up to max_rows_per_file rows each, named
// Streaming_History_Audio_<YYYY>[-<YYYY>]_<n>.json after the UTC years of its first and last
// row. A history with no rows still gives one file holding "[]", named after the start year.
std::vector<ExportFile> render_extended_export(const History& history,
                                               std::size_t max_rows_per_file = kDefaultRowsPerFile);

// The JSON text of one file: Spotify's formatting, no trailing newline.
std::string render_stream_rows(std::span<const StreamRow> rows);

}  // namespace sonic::sim
