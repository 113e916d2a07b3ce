#include "sonic/sources/row_fields.hpp"

#include <array>
#include <string_view>

#include "sonic/core/utc_time.hpp"
#include "sonic/sources/export_file_reader.hpp"

namespace sonic::sources {
namespace {

enum class Kind { text, integer, boolean, object };

struct KeySpec {
  std::string_view key;
  Field field;
  Kind kind;
};

// Every key sonic reads, in every layout. Keys not listed (username, ip_addr,
// ip_addr_decrypted, user_agent_decrypted, conn_country, context…) are skipped unread: personal
// identifiers never leave the parser.
constexpr std::array kKeys = {
    KeySpec{"ts", Field::ts, Kind::text},
    KeySpec{"endTime", Field::end_time, Kind::text},
    KeySpec{"played_at", Field::played_at, Kind::text},
    KeySpec{"ms_played", Field::ms_played, Kind::integer},
    KeySpec{"msPlayed", Field::ms_played, Kind::integer},
    KeySpec{"platform", Field::platform, Kind::text},
    KeySpec{"master_metadata_track_name", Field::track_name, Kind::text},
    KeySpec{"trackName", Field::track_name, Kind::text},
    KeySpec{"master_metadata_album_artist_name", Field::artist_name, Kind::text},
    KeySpec{"artistName", Field::artist_name, Kind::text},
    KeySpec{"master_metadata_album_album_name", Field::album_name, Kind::text},
    KeySpec{"spotify_track_uri", Field::track_uri, Kind::text},
    KeySpec{"episode_name", Field::episode_name, Kind::text},
    KeySpec{"episodeName", Field::episode_name, Kind::text},
    KeySpec{"episode_show_name", Field::show_name, Kind::text},
    KeySpec{"podcastName", Field::show_name, Kind::text},
    KeySpec{"spotify_episode_uri", Field::episode_uri, Kind::text},
    KeySpec{"audiobook_title", Field::audiobook_title, Kind::text},
    KeySpec{"audiobook_uri", Field::audiobook_uri, Kind::text},
    KeySpec{"audiobook_chapter_uri", Field::audiobook_chapter_uri, Kind::text},
    KeySpec{"audiobook_chapter_title", Field::audiobook_chapter_title, Kind::text},
    KeySpec{"reason_start", Field::reason_start, Kind::text},
    KeySpec{"reason_end", Field::reason_end, Kind::text},
    KeySpec{"shuffle", Field::shuffle, Kind::boolean},
    KeySpec{"skipped", Field::skipped, Kind::boolean},
    KeySpec{"offline", Field::offline, Kind::boolean},
    KeySpec{"offline_timestamp", Field::offline_timestamp, Kind::integer},
    KeySpec{"incognito_mode", Field::incognito, Kind::boolean},
    KeySpec{"track", Field::track, Kind::object},
};

// Every row names up to 23 keys, so they are found by a perfect hash rather than a scan of the
// list (a scan cost a tenth of the reader's time): the length and two bytes pick a slot, and one
// comparison with the key in that slot decides. The static_assert below proves no two known keys
// share a slot; a key added later that collides fails the build, and a change of the multipliers
// fixes it.
constexpr std::size_t kKeySlots = 64;

constexpr std::size_t key_slot(std::string_view key) {
  const std::size_t n = key.size();
  if (n == 0) return 0;
  return (n * 19 + static_cast<unsigned char>(key[n - 1]) * 5 + static_cast<unsigned char>(key[n / 2])) % kKeySlots;
}

struct KeyTable {
  std::array<const KeySpec*, kKeySlots> slots{};
  bool perfect = true;
};

constexpr KeyTable kKeyTable = [] {
  KeyTable table;
  for (const KeySpec& spec : kKeys) {
    const KeySpec*& slot = table.slots[key_slot(spec.key)];
    if (slot != nullptr) table.perfect = false;
    slot = &spec;
  }
  return table;
}();
static_assert(kKeyTable.perfect, "two export keys share a slot of find_key's hash: change its multipliers");

const KeySpec* find_key(std::string_view key) {
  const KeySpec* spec = kKeyTable.slots[key_slot(key)];
  return spec != nullptr && spec->key == key ? spec : nullptr;
}

const char* token_name(JsonToken token) {
  switch (token) {
    case JsonToken::begin_object:
      return "an object";
    case JsonToken::begin_array:
      return "an array";
    case JsonToken::string:
      return "a string";
    case JsonToken::number:
      return "a number";
    case JsonToken::boolean:
      return "a boolean";
    case JsonToken::null:
      return "null";
    default:
      return "something else";
  }
}

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::text:
      return "a string";
    case Kind::integer:
      return "a whole number";
    case Kind::boolean:
      return "true or false";
    case Kind::object:
      return "an object";
  }
  return "?";
}

[[noreturn]] void wrong_type(const JsonReader& json, std::size_t row, std::string_view key, const char* expected,
                             JsonToken found) {
  json.fail("row " + std::to_string(row) + ": '" + std::string(key) + "' should be " + expected + ", found " +
            token_name(found));
}

// "spotify:track:<id>" -> "<id>"; anything else (local files, episodes) -> "". A view of `uri`,
// so the record's string keeps its capacity instead of taking a new allocation for every row.
std::string_view track_id_from_uri(std::string_view uri) {
  constexpr std::string_view kPrefix = "spotify:track:";
  if (uri.size() <= kPrefix.size() || !uri.starts_with(kPrefix)) return {};
  return uri.substr(kPrefix.size());
}

// offline_timestamp comes in milliseconds in some years and seconds in others.
std::optional<std::int64_t> normalize_epoch(std::int64_t value) {
  if (value <= 0) return std::nullopt;
  return value < 100'000'000'000 ? value * 1000 : value;
}

}  // namespace

void RowFields::read_object(JsonReader& json, std::size_t row) {
  present_.reset();
  null_.reset();
  row_ = row;
  const bool first_row = row == 1;
  if (first_row) seen_keys_.clear();
  while (true) {
    const JsonToken token = json.next();
    if (token == JsonToken::end_object) return;
    const std::string_view key = json.text();
    if (first_row) {
      if (!seen_keys_.empty()) seen_keys_ += ", ";
      seen_keys_ += key;
    }
    const KeySpec* spec = find_key(key);
    if (!spec) {
      json.skip_value();
      continue;
    }
    // `key` views the reader's text, which the value read next replaces: messages name
    // spec->key from here on (the fuzz target export_file found a read after free).
    const auto index = static_cast<std::size_t>(spec->field);
    present_.set(index);
    const JsonToken value = json.next();
    if (value == JsonToken::null) {
      null_.set(index);
      continue;
    }
    switch (spec->kind) {
      case Kind::text:
        if (value != JsonToken::string) wrong_type(json, row, spec->key, kind_name(spec->kind), value);
        text_[index].assign(json.text());
        break;
      case Kind::integer:
        if (value != JsonToken::number || !json.number_is_integer()) {
          wrong_type(json, row, spec->key, kind_name(spec->kind), value);
        }
        integer_[index] = json.integer();
        break;
      case Kind::boolean:
        if (value != JsonToken::boolean) wrong_type(json, row, spec->key, kind_name(spec->kind), value);
        boolean_[index] = json.boolean();
        break;
      case Kind::object:
        if (value != JsonToken::begin_object) wrong_type(json, row, spec->key, kind_name(spec->kind), value);
        read_track_object(json, row);
        break;
    }
  }
}

namespace {

// Plays are kept between these instants (2000-01-01 and 2100-01-01 UTC): Spotify began in 2008,
// and a time far outside them is a damaged row, not a listen. A year-0 or year-9999 play would
// otherwise become the history's first or newest listen, which every period, report and model
// window is measured from; and a huge length would overflow the store's sums (`sonic stats`).
constexpr std::int64_t kEarliestPlayMs = 946'684'800'000;
constexpr std::int64_t kLatestPlayMs = 4'102'444'800'000;

// "" when a play ending at `end_ms` after `ms_played` lies inside the kept years; else why not.
std::string play_time_problem(std::string_view time_key, std::string_view time_text, std::string_view length_key,
                              std::int64_t end_ms, std::int64_t ms_played) {
  // Built with append: gcc 12's -Wrestrict misreads `"'" + std::string(…)` here.
  std::string problem;
  if (end_ms < kEarliestPlayMs || end_ms >= kLatestPlayMs) {
    problem.append("'").append(time_key).append("' ").append(time_text).append(" is outside the years 2000 to 2099");
  } else if (ms_played > end_ms - kEarliestPlayMs) {
    problem.append("'").append(length_key).append("' ").append(std::to_string(ms_played));
    problem.append(" is longer than the time from 2000 to the play's end");
  }
  return problem;
}

// Reads the value of a key whose string value sonic keeps; null leaves `target` empty.
void read_string_member(JsonReader& json, std::size_t row, std::string_view key, std::string& target) {
  const JsonToken value = json.next();
  if (value == JsonToken::null) return;
  if (value != JsonToken::string) wrong_type(json, row, key, "a string", value);
  target.assign(json.text());
}

}  // namespace

void RowFields::read_track_object(JsonReader& json, std::size_t row) {
  api_track_id_.clear();
  api_track_type_.clear();
  api_track_uri_.clear();
  api_duration_ms_ = -1;
  api_artists_.clear();
  std::string& name = text_[static_cast<std::size_t>(Field::track_name)];
  name.clear();
  text_[static_cast<std::size_t>(Field::album_name)].clear();
  while (json.next() == JsonToken::key) {
    const std::string_view key = json.text();
    if (key == "id") {
      read_string_member(json, row, "track.id", api_track_id_);
    } else if (key == "name") {
      read_string_member(json, row, "track.name", name);
    } else if (key == "type") {
      read_string_member(json, row, "track.type", api_track_type_);
    } else if (key == "uri") {
      read_string_member(json, row, "track.uri", api_track_uri_);
    } else if (key == "duration_ms") {
      const JsonToken value = json.next();
      if (value == JsonToken::null) continue;
      if (value != JsonToken::number || !json.number_is_integer()) {
        wrong_type(json, row, "track.duration_ms", "a whole number", value);
      }
      api_duration_ms_ = json.integer();
    } else if (key == "artists") {
      const JsonToken value = json.next();
      if (value == JsonToken::null) continue;
      if (value != JsonToken::begin_array) wrong_type(json, row, "track.artists", "an array", value);
      read_artists(json, row);
    } else if (key == "album") {
      const JsonToken value = json.next();
      if (value == JsonToken::null) continue;
      if (value != JsonToken::begin_object) wrong_type(json, row, "track.album", "an object", value);
      read_album(json, row);
    } else {
      json.skip_value();
    }
  }
}

void RowFields::read_artists(JsonReader& json, std::size_t row) {
  while (true) {
    const JsonToken token = json.next();
    if (token == JsonToken::end_array) return;
    if (token != JsonToken::begin_object) wrong_type(json, row, "track.artists[]", "an object", token);
    ArtistCredit artist;
    while (json.next() == JsonToken::key) {
      if (json.text() == "id") {
        read_string_member(json, row, "track.artists[].id", artist.spotify_id);
      } else if (json.text() == "name") {
        read_string_member(json, row, "track.artists[].name", artist.name);
      } else {
        json.skip_value();
      }
    }
    api_artists_.push_back(std::move(artist));
  }
}

void RowFields::read_album(JsonReader& json, std::size_t row) {
  while (json.next() == JsonToken::key) {
    if (json.text() == "name") {
      read_string_member(json, row, "track.album.name", text_[static_cast<std::size_t>(Field::album_name)]);
    } else {
      json.skip_value();
    }
  }
}

ExportLayout RowFields::detect_layout() const {
  if (has(Field::ts) && has(Field::ms_played)) return ExportLayout::extended;
  if (has(Field::end_time) && has(Field::ms_played)) {
    if (has(Field::track_name) || has(Field::artist_name)) return ExportLayout::basic_music;
    if (has(Field::episode_name) || has(Field::show_name)) return ExportLayout::basic_podcast;
  }
  if (has(Field::played_at) && has(Field::track)) return ExportLayout::api_recently_played;
  return ExportLayout::unknown;
}

std::string RowFields::key_list() const { return seen_keys_.empty() ? "(none)" : seen_keys_; }

std::string RowFields::to_record(ExportLayout layout, PlayRecord& record, std::string& skip_reason) {
  switch (layout) {
    case ExportLayout::extended:
      return extended_to_record(record, skip_reason);
    case ExportLayout::basic_music:
    case ExportLayout::basic_podcast:
      return basic_to_record(layout, record);
    case ExportLayout::api_recently_played:
      return api_to_record(record, skip_reason);
    case ExportLayout::unknown:
      break;
  }
  return "unknown layout";
}

std::string RowFields::extended_to_record(PlayRecord& record, std::string& skip_reason) const {
  if (!non_null(Field::ts)) return "missing 'ts'";
  if (!non_null(Field::ms_played)) return "missing 'ms_played'";
  const auto end = parse_iso8601_utc(text(Field::ts));
  if (!end) return "'ts' is not an ISO-8601 UTC time: '" + text(Field::ts) + "'";
  const std::int64_t ms_played = integer_[static_cast<std::size_t>(Field::ms_played)];
  if (ms_played < 0) return "'ms_played' is negative";
  if (auto problem = play_time_problem("ts", text(Field::ts), "ms_played", *end, ms_played); !problem.empty()) {
    return problem;
  }
  record.source = PlaySource::extended;
  record.end_ms = *end;
  record.ms_played = ms_played;

  auto optional_bool = [this](Field field) -> std::optional<bool> {
    if (!non_null(field)) return std::nullopt;
    return boolean_[static_cast<std::size_t>(field)];
  };
  record.shuffle = optional_bool(Field::shuffle);
  record.skipped = optional_bool(Field::skipped);
  record.offline = optional_bool(Field::offline);
  record.incognito = optional_bool(Field::incognito);
  if (non_null(Field::offline_timestamp)) {
    record.offline_ms = normalize_epoch(integer_[static_cast<std::size_t>(Field::offline_timestamp)]);
  }
  if (non_null(Field::platform)) record.platform = text(Field::platform);
  if (non_null(Field::reason_start)) record.reason_start = text(Field::reason_start);
  if (non_null(Field::reason_end)) record.reason_end = text(Field::reason_end);

  if (non_null(Field::track_uri) || non_null(Field::track_name)) {
    record.kind = ItemKind::track;
    if (non_null(Field::track_uri)) record.track_id.assign(track_id_from_uri(text(Field::track_uri)));
    if (non_null(Field::track_name)) record.track_name = text(Field::track_name);
    if (non_null(Field::artist_name)) record.artists.push_back({"", text(Field::artist_name)});
    if (non_null(Field::album_name)) record.album_name = text(Field::album_name);
    if (record.track_id.empty() && record.track_name.empty()) skip_reason = "no_track_or_episode";
  } else if (non_null(Field::episode_uri) || non_null(Field::episode_name)) {
    record.kind = ItemKind::podcast;
    if (non_null(Field::episode_uri)) record.episode_uri = text(Field::episode_uri);
    if (non_null(Field::episode_name)) record.episode_name = text(Field::episode_name);
    if (non_null(Field::show_name)) record.show_name = text(Field::show_name);
  } else if (non_null(Field::audiobook_chapter_uri) || non_null(Field::audiobook_uri) ||
             non_null(Field::audiobook_title)) {
    record.kind = ItemKind::audiobook;
    record.episode_uri = non_null(Field::audiobook_chapter_uri) ? text(Field::audiobook_chapter_uri)
                         : non_null(Field::audiobook_uri)       ? text(Field::audiobook_uri)
                                                                : "";
    record.show_name = non_null(Field::audiobook_title) ? text(Field::audiobook_title) : "";
    record.episode_name =
        non_null(Field::audiobook_chapter_title) ? text(Field::audiobook_chapter_title) : record.show_name;
  } else {
    skip_reason = "no_track_or_episode";
  }
  return "";
}

std::string RowFields::basic_to_record(ExportLayout layout, PlayRecord& record) const {
  if (!non_null(Field::end_time)) return "missing 'endTime'";
  if (!non_null(Field::ms_played)) return "missing 'msPlayed'";
  const auto end = parse_minute_utc(text(Field::end_time));
  if (!end) return "'endTime' is not a 'YYYY-MM-DD HH:MM' time: '" + text(Field::end_time) + "'";
  const std::int64_t ms_played = integer_[static_cast<std::size_t>(Field::ms_played)];
  if (ms_played < 0) return "'msPlayed' is negative";
  if (auto problem = play_time_problem("endTime", text(Field::end_time), "msPlayed", *end, ms_played);
      !problem.empty()) {
    return problem;
  }
  record.source = PlaySource::basic;
  record.end_ms = *end;
  record.ms_played = ms_played;
  if (layout == ExportLayout::basic_podcast) {
    record.kind = ItemKind::podcast;
    if (non_null(Field::episode_name)) record.episode_name = text(Field::episode_name);
    if (non_null(Field::show_name)) record.show_name = text(Field::show_name);
    return record.episode_name.empty() && record.show_name.empty() ? "missing 'episodeName'" : "";
  }
  record.kind = ItemKind::track;
  if (!non_null(Field::track_name)) return "missing 'trackName'";
  record.track_name = text(Field::track_name);
  if (non_null(Field::artist_name)) record.artists.push_back({"", text(Field::artist_name)});
  return "";
}

std::string RowFields::api_to_record(PlayRecord& record, std::string& skip_reason) const {
  if (!non_null(Field::played_at)) return "missing 'played_at'";
  if (!non_null(Field::track)) return "missing 'track'";
  const auto played_at = parse_iso8601_utc(text(Field::played_at));
  if (!played_at) return "'played_at' is not an ISO-8601 UTC time: '" + text(Field::played_at) + "'";
  // Checked before the end (played_at + duration) is computed, so a huge duration cannot overflow.
  const std::int64_t length = api_duration_ms_ > 0 ? api_duration_ms_ : 0;
  if (*played_at < kEarliestPlayMs || *played_at >= kLatestPlayMs || length > kLatestPlayMs - *played_at) {
    std::string problem = "'played_at' ";
    problem.append(text(Field::played_at)).append(" with 'duration_ms' ").append(std::to_string(length));
    return problem.append(" is outside the years 2000 to 2099");
  }
  record.source = PlaySource::api;
  // The API gives no play length: a recently-played entry is a counted listen of the whole
  // track, and played_at is (usually) when it started.
  const std::int64_t duration = api_duration_ms_ > 0 ? api_duration_ms_ : 0;
  record.ms_played = duration;
  record.duration_ms = api_duration_ms_ > 0 ? std::optional<std::int64_t>(api_duration_ms_) : std::nullopt;
  record.end_ms = *played_at + duration;
  if (api_track_type_ == "episode") {
    record.kind = ItemKind::podcast;
    record.episode_uri = api_track_uri_;
    record.episode_name = text(Field::track_name);
    return "";
  }
  record.kind = ItemKind::track;
  record.track_id = api_track_id_;
  record.track_name = text(Field::track_name);
  record.album_name = text(Field::album_name);
  record.artists = api_artists_;
  if (record.track_id.empty() && record.track_name.empty()) skip_reason = "no_track_or_episode";
  return "";
}

}  // namespace sonic::sources
