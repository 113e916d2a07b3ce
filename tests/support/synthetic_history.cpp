#include "support/synthetic_history.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

#include "sonic/core/utc_time.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {

std::vector<SyntheticTrack> synthetic_tracks(int count, int artists) {
  std::vector<SyntheticTrack> tracks;
  for (int i = 0; i < count; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "t%021d", i);
    tracks.push_back({id, "Song " + std::to_string(i), "Artist " + std::to_string(i % artists)});
  }
  return tracks;
}

std::filesystem::path write_extended_history(const std::filesystem::path& folder,
                                             const std::vector<SyntheticTrack>& tracks) {
  constexpr std::int64_t kFirstEndMs = 1'735'689'600'000;  // 2025-01-01T00:00:00Z
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    const std::int64_t end_ms = kFirstEndMs + static_cast<std::int64_t>(i) * kMsPerMinute;
    std::string ts = format_iso8601_utc(end_ms);  // "…T00:07:00.000Z"; exports carry no fraction
    ts.replace(ts.size() - 5, 5, "Z");
    rows.push_back({{"ts", ts},
                    {"platform", "linux"},
                    {"ms_played", 180'000},
                    {"conn_country", "DE"},
                    {"ip_addr", "192.0.2.1"},
                    {"master_metadata_track_name", tracks[i].title},
                    {"master_metadata_album_artist_name", tracks[i].artist},
                    {"master_metadata_album_album_name", "Album"},
                    {"spotify_track_uri", "spotify:track:" + tracks[i].spotify_id},
                    {"episode_name", nullptr},
                    {"episode_show_name", nullptr},
                    {"spotify_episode_uri", nullptr},
                    {"audiobook_title", nullptr},
                    {"audiobook_uri", nullptr},
                    {"audiobook_chapter_uri", nullptr},
                    {"audiobook_chapter_title", nullptr},
                    {"reason_start", "trackdone"},
                    {"reason_end", "trackdone"},
                    {"shuffle", false},
                    {"skipped", false},
                    {"offline", false},
                    {"offline_timestamp", nullptr},
                    {"incognito_mode", false}});
  }
  return write_file(folder / "Streaming_History_Audio_2025_0.json", rows.dump(1));
}

}  // namespace sonic::testing
