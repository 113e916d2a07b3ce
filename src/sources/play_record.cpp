#include "sonic/sources/play_record.hpp"

namespace sonic::sources {

const char* to_string(PlaySource source) {
  switch (source) {
    case PlaySource::extended:
      return "extended";
    case PlaySource::api:
      return "api";
    case PlaySource::basic:
      return "basic";
  }
  return "unknown";
}

void PlayRecord::clear() {
  kind = ItemKind::track;
  end_ms = 0;
  ms_played = 0;
  track_id.clear();
  track_name.clear();
  artists.clear();
  album_name.clear();
  duration_ms.reset();
  episode_uri.clear();
  episode_name.clear();
  show_name.clear();
  platform.clear();
  reason_start.clear();
  reason_end.clear();
  shuffle.reset();
  skipped.reset();
  offline.reset();
  incognito.reset();
  offline_ms.reset();
}

const std::string& PlayRecord::primary_artist() const {
  static const std::string kNone;
  return artists.empty() ? kNone : artists.front().name;
}

}  // namespace sonic::sources
