#pragma once
// The fields of one history row, as read from JSON, before they become a PlayRecord. One
// parser serves every layout: the extended export (both key sets), the account-data export
// (music and podcast) and the items of a recently-played response.
#include <bitset>
#include <cstdint>
#include <string>

#include "sonic/sources/json_reader.hpp"
#include "sonic/sources/play_record.hpp"

namespace sonic::sources {

enum class ExportLayout;

enum class Field : int {
  ts,
  end_time,
  played_at,
  ms_played,
  platform,
  track_name,
  artist_name,
  album_name,
  track_uri,
  episode_name,
  show_name,
  episode_uri,
  audiobook_title,
  audiobook_uri,
  audiobook_chapter_uri,
  audiobook_chapter_title,
  reason_start,
  reason_end,
  shuffle,
  skipped,
  offline,
  offline_timestamp,
  incognito,
  track,
  count
};

class RowFields {
 public:
  // Reads the members of the object whose '{' was just read. Unknown keys (and personal ones:
  // username, ip_addr, user agent, country) are skipped without being kept.
  void read_object(JsonReader& json, std::size_t row);

  ExportLayout detect_layout() const;
  std::string key_list() const;  // the keys seen, for a "not an export" message

  // Fills `record` for `layout`. Returns a problem description when the row is malformed
  // (a missing key or an unparseable time), else "".
  std::string to_record(ExportLayout layout, PlayRecord& record, std::string& skip_reason);

 private:
  static constexpr auto kFieldCount = static_cast<std::size_t>(Field::count);
  bool has(Field field) const { return present_[static_cast<std::size_t>(field)]; }
  bool non_null(Field field) const { return has(field) && !null_[static_cast<std::size_t>(field)]; }
  const std::string& text(Field field) const { return text_[static_cast<std::size_t>(field)]; }

  void read_value(JsonReader& json, Field field, std::size_t row, std::string_view key);
  void read_track_object(JsonReader& json, std::size_t row);
  void read_artists(JsonReader& json, std::size_t row);
  void read_album(JsonReader& json, std::size_t row);

  std::string extended_to_record(PlayRecord& record, std::string& skip_reason) const;
  std::string basic_to_record(ExportLayout layout, PlayRecord& record) const;
  std::string api_to_record(PlayRecord& record, std::string& skip_reason) const;

  std::bitset<kFieldCount> present_;
  std::bitset<kFieldCount> null_;
  std::string text_[kFieldCount];
  std::int64_t integer_[kFieldCount] = {};
  bool boolean_[kFieldCount] = {};
  std::string seen_keys_;  // only filled for the first row

  // A recently-played item's nested track.
  std::string api_track_id_;
  std::string api_track_type_;
  std::string api_track_uri_;
  std::int64_t api_duration_ms_ = -1;
  std::vector<ArtistCredit> api_artists_;
  std::size_t row_ = 0;
};

}  // namespace sonic::sources
