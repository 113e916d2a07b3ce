#pragma once
// One listen as read from any source (extended export, account-data export, Web API), before
// it meets the store. Readers reuse one record per row, so clear() keeps string capacity.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sonic::sources {

enum class PlaySource { extended, api, basic };
const char* to_string(PlaySource source);

// Which of several sources wins when two describe the same listen: the extended export
// carries the most detail, then the API (IDs, ms), then the account-data export (minutes).
inline int precedence(PlaySource source) {
  switch (source) {
    case PlaySource::extended:
      return 3;
    case PlaySource::api:
      return 2;
    case PlaySource::basic:
      return 1;
  }
  return 0;
}

enum class ItemKind { track, podcast, audiobook };

struct ArtistCredit {
  std::string spotify_id;  // empty when the source has none
  std::string name;
};

struct PlayRecord {
  PlaySource source = PlaySource::extended;
  ItemKind kind = ItemKind::track;
  std::int64_t end_ms = 0;  // when the stream ended, UTC
  std::int64_t ms_played = 0;

  // Tracks.
  std::string track_id;  // 22-character base62, empty when unknown (basic export)
  std::string track_name;
  std::vector<ArtistCredit> artists;  // the first is the primary artist
  std::string album_name;
  std::optional<std::int64_t> duration_ms;

  // Podcast episodes and audiobook chapters.
  std::string episode_uri;
  std::string episode_name;
  std::string show_name;

  // Playback context (extended export only).
  std::string platform;
  std::string reason_start;
  std::string reason_end;
  std::optional<bool> shuffle;
  std::optional<bool> skipped;
  std::optional<bool> offline;
  std::optional<bool> incognito;
  std::optional<std::int64_t> offline_ms;

  void clear();
  const std::string& primary_artist() const;
};

// Under this, Spotify does not count a stream as a listen; such plays are kept but marked.
inline constexpr std::int64_t kShortPlayMs = 30'000;

}  // namespace sonic::sources
