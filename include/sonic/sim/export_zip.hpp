#pragma once
// The simulated listener's data as Spotify delivers an extended streaming history: a zip with
// the folder "Spotify Extended Streaming History/" and its Streaming_History_Audio_*.json files.
#include <cstddef>
#include <filesystem>

#include "sonic/sim/export_files.hpp"
#include "sonic/sim/history.hpp"

namespace sonic::sim {

// Writes the zip to a temporary name beside zip_path and renames it into place, replacing any
// file there. The entries' contents depend only on the history; their timestamps are fixed (a
// few days after the last stream, when Spotify would have delivered it), so the same history
// gives the same zip. Throws sonic::Error on I/O failure.
void write_extended_export_zip(const History& history, const std::filesystem::path& zip_path,
                               std::size_t max_rows_per_file = kDefaultRowsPerFile);

}  // namespace sonic::sim
