#pragma once
// Every stored play with what it is a play of, in time order, for `sonic export`: one callback
// per play, so a million plays never sit in memory at once.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "sonic/store/database.hpp"

namespace sonic::store {

struct ExportedPlay {
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::int64_t ms_played = 0;
  std::string source;  // extended | api | basic
  bool is_short = false;
  std::string kind;  // track | podcast | audiobook
  // A track's (kind "track"): empty when unknown.
  std::string spotify_id;
  std::string track_name;
  std::string artist_name;  // the primary artist
  std::string album_name;
  std::optional<std::int64_t> duration_ms;
  // An episode's or audiobook chapter's.
  std::string episode_uri;
  std::string episode_name;
  std::string show_name;
  std::string platform;
  std::string reason_start;
  std::string reason_end;
  std::optional<bool> shuffle;
  std::optional<bool> skipped;
  std::optional<bool> offline;
  std::optional<bool> incognito;
};

void for_each_exported_play(Database& db, const std::function<void(const ExportedPlay&)>& visit);

}  // namespace sonic::store
