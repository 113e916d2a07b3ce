#include "sonic/sim/export_files.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "sonic/sim/civil_time.hpp"

namespace sonic::sim {
namespace {

constexpr std::array<const char*, 23> kKeys = {
    "ts",
    "platform",
    "ms_played",
    "conn_country",
    "ip_addr",
    "master_metadata_track_name",
    "master_metadata_album_artist_name",
    "master_metadata_album_album_name",
    "spotify_track_uri",
    "episode_name",
    "episode_show_name",
    "spotify_episode_uri",
    "audiobook_title",
    "audiobook_uri",
    "audiobook_chapter_uri",
    "audiobook_chapter_title",
    "reason_start",
    "reason_end",
    "shuffle",
    "skipped",
    "offline",
    "offline_timestamp",
    "incognito_mode",
};

template <typename T>
nlohmann::ordered_json or_null(const std::optional<T>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

// Keys are inserted in kKeys order; ordered_json keeps that order when dumping.
nlohmann::ordered_json row_to_json(const StreamRow& row) {
  nlohmann::ordered_json json;
  json["ts"] = format_utc_timestamp(row.ts);
  json["platform"] = row.platform;
  json["ms_played"] = row.ms_played;
  json["conn_country"] = row.conn_country;
  json["ip_addr"] = row.ip_addr;
  json["master_metadata_track_name"] = or_null(row.master_metadata_track_name);
  json["master_metadata_album_artist_name"] = or_null(row.master_metadata_album_artist_name);
  json["master_metadata_album_album_name"] = or_null(row.master_metadata_album_album_name);
  json["spotify_track_uri"] = or_null(row.spotify_track_uri);
  json["episode_name"] = or_null(row.episode_name);
  json["episode_show_name"] = or_null(row.episode_show_name);
  json["spotify_episode_uri"] = or_null(row.spotify_episode_uri);
  json["audiobook_title"] = nullptr;
  json["audiobook_uri"] = nullptr;
  json["audiobook_chapter_uri"] = nullptr;
  json["audiobook_chapter_title"] = nullptr;
  json["reason_start"] = row.reason_start;
  json["reason_end"] = row.reason_end;
  json["shuffle"] = row.shuffle;
  json["skipped"] = row.skipped;
  json["offline"] = row.offline;
  json["offline_timestamp"] = or_null(row.offline_timestamp);
  json["incognito_mode"] = row.incognito_mode;
  return json;
}

int utc_year(std::int64_t epoch_seconds) { return civil_from_days(floor_div(epoch_seconds, 86400)).year; }

// Built with += only: `"-" + std::to_string(...)` trips a GCC 12 -Wrestrict false positive.
std::string file_name(int first_year, int last_year, std::size_t number) {
  std::string name = kExtendedHistoryFolder;
  name += "Streaming_History_Audio_";
  name += std::to_string(first_year);
  if (last_year != first_year) {
    name += '-';
    name += std::to_string(last_year);
  }
  name += '_';
  name += std::to_string(number);
  name += ".json";
  return name;
}

}  // namespace

std::span<const char* const> extended_history_keys() { return kKeys; }

std::string render_stream_rows(std::span<const StreamRow> rows) {
  auto array = nlohmann::ordered_json::array();
  for (const StreamRow& row : rows) array.push_back(row_to_json(row));
  return array.dump(2);
}

std::vector<ExportFile> render_extended_export(const History& history, std::size_t max_rows_per_file) {
  if (max_rows_per_file == 0) throw std::invalid_argument("max_rows_per_file must be positive");
  const std::span<const StreamRow> rows = history.rows;
  std::vector<ExportFile> files;
  if (rows.empty()) {
    const int year = history.options.start_date.year;
    files.push_back({file_name(year, year, 0), render_stream_rows(rows)});
    return files;
  }
  for (std::size_t first = 0; first < rows.size(); first += max_rows_per_file) {
    const auto part = rows.subspan(first, std::min(max_rows_per_file, rows.size() - first));
    files.push_back(
        {file_name(utc_year(part.front().ts), utc_year(part.back().ts), files.size()), render_stream_rows(part)});
  }
  return files;
}

}  // namespace sonic::sim
