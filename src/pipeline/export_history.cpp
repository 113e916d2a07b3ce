#include "sonic/pipeline/export_history.hpp"

#include <cstdio>
#include <fstream>

#include "sonic/core/atomic_file.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/store/play_export_query.hpp"

namespace sonic::pipeline {
namespace {

using store::ExportedPlay;
using Json = nlohmann::ordered_json;

constexpr std::int64_t kListenMs = 30'000;

// ISO-8601 with the zone's offset in force at that instant, e.g. 2023-06-01T14:00:00.000+02:00.
std::string local_iso8601(const TimeZone& zone, std::int64_t utc_ms) {
  const LocalTime local = zone.local(utc_ms);
  const int offset = local.utc_offset_seconds;
  const int magnitude = offset < 0 ? -offset : offset;
  const auto millis = static_cast<int>(utc_ms - floor_div(utc_ms, 1000) * 1000);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03d%c%02d:%02d", local.year, local.month,
                local.day, local.hour, local.minute, local.second, millis, offset < 0 ? '-' : '+', magnitude / 3600,
                magnitude % 3600 / 60);
  return buffer;
}

Json text_or_null(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Json flag_or_null(const std::optional<bool>& flag) { return flag ? Json(*flag) : Json(nullptr); }

std::string flag_cell(const std::optional<bool>& flag) {
  if (!flag) return "";
  return *flag ? "true" : "false";
}

std::string track_uri(const ExportedPlay& play) {
  return play.spotify_id.empty() ? std::string() : "spotify:track:" + play.spotify_id;
}

Json jsonl_row(const ExportedPlay& play, const TimeZone& zone) {
  const bool track = play.kind == "track";
  const bool audiobook = play.kind == "audiobook";
  const bool podcast = play.kind == "podcast";
  Json row;
  row["ts"] = format_iso8601_utc(play.end_ms);
  row["platform"] = text_or_null(play.platform);
  row["ms_played"] = play.ms_played;
  row["master_metadata_track_name"] = track ? text_or_null(play.track_name) : Json(nullptr);
  row["master_metadata_album_artist_name"] = track ? text_or_null(play.artist_name) : Json(nullptr);
  row["master_metadata_album_album_name"] = track ? text_or_null(play.album_name) : Json(nullptr);
  row["spotify_track_uri"] = track ? text_or_null(track_uri(play)) : Json(nullptr);
  row["episode_name"] = podcast ? text_or_null(play.episode_name) : Json(nullptr);
  row["episode_show_name"] = podcast ? text_or_null(play.show_name) : Json(nullptr);
  row["spotify_episode_uri"] = podcast ? text_or_null(play.episode_uri) : Json(nullptr);
  row["audiobook_title"] = audiobook ? text_or_null(play.show_name) : Json(nullptr);
  row["audiobook_chapter_uri"] = audiobook ? text_or_null(play.episode_uri) : Json(nullptr);
  row["audiobook_chapter_title"] = audiobook ? text_or_null(play.episode_name) : Json(nullptr);
  row["reason_start"] = text_or_null(play.reason_start);
  row["reason_end"] = text_or_null(play.reason_end);
  row["shuffle"] = flag_or_null(play.shuffle);
  row["skipped"] = flag_or_null(play.skipped);
  row["offline"] = flag_or_null(play.offline);
  row["incognito_mode"] = flag_or_null(play.incognito);
  row["kind"] = play.kind;
  row["source"] = play.source;
  row["short"] = play.is_short;
  row["start_utc"] = format_iso8601_utc(play.start_ms);
  row["end_utc"] = format_iso8601_utc(play.end_ms);
  row["start_local"] = local_iso8601(zone, play.start_ms);
  row["end_local"] = local_iso8601(zone, play.end_ms);
  return row;
}

// RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled.
void write_csv_cell(std::ostream& out, std::string_view cell, bool last) {
  if (cell.find_first_of(",\"\r\n") == std::string_view::npos) {
    out << cell;
  } else {
    out << '"';
    for (const char c : cell) {
      if (c == '"') out << '"';
      out << c;
    }
    out << '"';
  }
  out << (last ? '\n' : ',');
}

constexpr const char* kCsvHeader =
    "end_utc,start_utc,end_local,start_local,ms_played,kind,source,short,track_name,artist_name,album_name,"
    "spotify_track_uri,episode_name,show_name,episode_uri,platform,reason_start,reason_end,shuffle,skipped,"
    "offline,incognito\n";

void write_csv_row(std::ostream& out, const ExportedPlay& play, const TimeZone& zone) {
  const std::string cells[] = {format_iso8601_utc(play.end_ms),
                               format_iso8601_utc(play.start_ms),
                               local_iso8601(zone, play.end_ms),
                               local_iso8601(zone, play.start_ms),
                               std::to_string(play.ms_played),
                               play.kind,
                               play.source,
                               play.is_short ? "true" : "false",
                               play.track_name,
                               play.artist_name,
                               play.album_name,
                               track_uri(play),
                               play.episode_name,
                               play.show_name,
                               play.episode_uri,
                               play.platform,
                               play.reason_start,
                               play.reason_end,
                               flag_cell(play.shuffle),
                               flag_cell(play.skipped),
                               flag_cell(play.offline),
                               flag_cell(play.incognito)};
  const std::size_t count = std::size(cells);
  for (std::size_t i = 0; i < count; ++i) write_csv_cell(out, cells[i], i + 1 == count);
}

// One listen as ListenBrainz's submit-listens payload holds it; listened_at is the start, in
// seconds, as ListenBrainz records it.
std::optional<Json> listenbrainz_listen(const ExportedPlay& play) {
  if (play.kind != "track" || play.is_short || play.ms_played < kListenMs) return std::nullopt;
  if (play.track_name.empty() || play.artist_name.empty()) return std::nullopt;
  Json info;
  info["submission_client"] = "sonic";
  info["music_service"] = "spotify.com";
  if (!play.spotify_id.empty()) {
    info["spotify_id"] = "https://open.spotify.com/track/" + play.spotify_id;
    info["origin_url"] = "https://open.spotify.com/track/" + play.spotify_id;
  }
  info["duration_ms"] = play.duration_ms ? *play.duration_ms : play.ms_played;
  if (!play.platform.empty()) info["media_player"] = play.platform;
  Json metadata;
  metadata["artist_name"] = play.artist_name;
  metadata["track_name"] = play.track_name;
  if (!play.album_name.empty()) metadata["release_name"] = play.album_name;
  metadata["additional_info"] = std::move(info);
  Json listen;
  listen["listened_at"] = floor_div(play.start_ms, 1000);
  listen["track_metadata"] = std::move(metadata);
  return listen;
}

std::string dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace

std::optional<ExportFormat> export_format_named(std::string_view name) {
  if (name == "jsonl") return ExportFormat::jsonl;
  if (name == "csv") return ExportFormat::csv;
  if (name == "listenbrainz") return ExportFormat::listenbrainz;
  return std::nullopt;
}

const char* to_string(ExportFormat format) {
  switch (format) {
    case ExportFormat::jsonl:
      return "jsonl";
    case ExportFormat::csv:
      return "csv";
    case ExportFormat::listenbrainz:
      return "listenbrainz";
  }
  return "jsonl";
}

ExportResult export_history(store::Database& db, const TimeZone& zone, ExportFormat format, std::ostream& out) {
  ExportResult result;
  result.format = format;
  if (format == ExportFormat::csv) out << kCsvHeader;
  if (format == ExportFormat::listenbrainz) out << "[";
  store::for_each_exported_play(db, [&](const ExportedPlay& play) {
    switch (format) {
      case ExportFormat::jsonl:
        out << dump(jsonl_row(play, zone)) << '\n';
        break;
      case ExportFormat::csv:
        write_csv_row(out, play, zone);
        break;
      case ExportFormat::listenbrainz: {
        const auto listen = listenbrainz_listen(play);
        if (!listen) {
          ++result.left_out;
          return;
        }
        out << (result.plays ? ",\n" : "\n") << dump(*listen);
        break;
      }
    }
    ++result.plays;
  });
  if (format == ExportFormat::listenbrainz) out << "\n]\n";
  out.flush();
  if (!out) throw Error(ExitCode::unexpected, "export: the output could not be written");
  return result;
}

ExportResult export_history_to_file(store::Database& db, const TimeZone& zone, ExportFormat format,
                                    const std::filesystem::path& path) {
  ExportResult result;
  replace_file_atomically(path, [&](const std::filesystem::path& temporary) {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(ExitCode::unexpected, "export: cannot write " + temporary.string());
    result = export_history(db, zone, format, out);
    out.close();
    if (!out) throw Error(ExitCode::unexpected, "export: cannot write " + path.string() + " (is the disk full?)");
  });
  result.output = path;
  return result;
}

nlohmann::json to_json(const ExportResult& result) {
  nlohmann::json json;
  json["format"] = to_string(result.format);
  json["plays"] = result.plays;
  json["left_out"] = result.left_out;
  json["output"] = result.output.empty() ? nlohmann::json(nullptr) : nlohmann::json(result.output.string());
  return json;
}

std::string to_text(const ExportResult& result) {
  std::string text = "exported " + std::to_string(result.plays) + " plays as " + to_string(result.format);
  if (!result.output.empty()) text += " to " + result.output.string();
  if (result.left_out) text += " (" + std::to_string(result.left_out) + " left out: short plays, episodes, no names)";
  return text + "\n";
}

}  // namespace sonic::pipeline
