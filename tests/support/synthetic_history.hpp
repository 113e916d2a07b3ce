#pragma once
// A made-up listening history written as an extended streaming-history file, for tests that need
// more tracks than the hand-made fixtures hold (batching, --limit, resuming after a kill).
// Track i is played once, i minutes after the first, so the newest track has the highest index.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace sonic::testing {

struct SyntheticTrack {
  std::string spotify_id;  // "t" + 21 digits: a well-formed base62 track ID
  std::string title;       // "Song 7"
  std::string artist;      // "Artist 2"
};

// `count` tracks shared among `artists` artists (track i by artist i % artists).
std::vector<SyntheticTrack> synthetic_tracks(int count, int artists);

// Writes Streaming_History_Audio_2025_0.json in `folder` and returns its path.
std::filesystem::path write_extended_history(const std::filesystem::path& folder,
                                             const std::vector<SyntheticTrack>& tracks);

}  // namespace sonic::testing
