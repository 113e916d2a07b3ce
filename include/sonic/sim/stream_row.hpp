#pragma once
// One row of Spotify's extended streaming history, field for field (§5b of
// docs/external-services.md). The audiobook_* fields are always null for the simulated
// listener, so they are not stored; the export writer still emits them.
#include <cstdint>
#include <optional>
#include <string>

namespace sonic::sim {

struct StreamRow {
  std::int64_t ts = 0;   // when the stream ENDED: seconds since the Unix epoch, UTC
  std::string platform;  // android, ios, windows, linux (the post-2023 plain values)
  std::int64_t ms_played = 0;
  std::string conn_country;
  std::string ip_addr;  // always an RFC 5737 documentation address
  // Music rows: all four set. Podcast rows: all four null.
  std::optional<std::string> master_metadata_track_name;
  std::optional<std::string> master_metadata_album_artist_name;
  std::optional<std::string> master_metadata_album_album_name;
  std::optional<std::string> spotify_track_uri;
  // Podcast rows: all three set. Music rows: all three null.
  std::optional<std::string> episode_name;
  std::optional<std::string> episode_show_name;
  std::optional<std::string> spotify_episode_uri;
  std::string reason_start;
  std::string reason_end;
  bool shuffle = false;
  bool skipped = false;
  bool offline = false;
  std::optional<std::int64_t> offline_timestamp;  // epoch seconds, as in 2023+ exports
  bool incognito_mode = false;

  bool is_podcast() const { return spotify_episode_uri.has_value(); }
  friend bool operator==(const StreamRow&, const StreamRow&) = default;
};

}  // namespace sonic::sim
