#pragma once
// `sonic export`: every stored play, in one of three documented formats (README, "Your data out"):
//  - jsonl: one JSON object per line, each an extended-history row in Spotify's own keys (so the
//    lines wrapped in [ ] import back into sonic) plus sonic's: kind, source, short, start/end in
//    UTC and in local time;
//  - csv: the same facts as flat columns, RFC 4180 quoting;
//  - listenbrainz: a JSON array of listens as ListenBrainz's import accepts them (listened_at,
//    track_metadata with artist_name, track_name, release_name, additional_info): music plays
//    of 30 s or more with a track and an artist name, as ListenBrainz counts listens.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "sonic/core/time_zone.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

enum class ExportFormat { jsonl, csv, listenbrainz };
std::optional<ExportFormat> export_format_named(std::string_view name);
const char* to_string(ExportFormat format);

struct ExportResult {
  ExportFormat format = ExportFormat::jsonl;
  std::int64_t plays = 0;        // written
  std::int64_t left_out = 0;     // listenbrainz: short plays, episodes, plays without names
  std::filesystem::path output;  // empty: stdout
};

// Writes every play to `out`, in time order.
ExportResult export_history(store::Database& db, const TimeZone& zone, ExportFormat format, std::ostream& out);

// The same into `path`, written beside it and renamed into place when complete.
ExportResult export_history_to_file(store::Database& db, const TimeZone& zone, ExportFormat format,
                                    const std::filesystem::path& path);

nlohmann::json to_json(const ExportResult& result);
std::string to_text(const ExportResult& result);

}  // namespace sonic::pipeline
