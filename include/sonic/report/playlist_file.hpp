#pragma once
// A playlist as a file: M3U8 (#EXTM3U, one #EXTINF line and one URI per entry), XSPF (XSPF 1 XML)
// or JSPF (XSPF's JSON form). Used by `sonic recommend --format` and `sonic playlist --out`.
// Locations are spotify:track:<id>, or for a track without an ID a spotify:search: URI of its
// artist and title; every string is escaped for its format (XML entities, JSON, one M3U line).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sonic::report {

enum class PlaylistFormat { m3u8, xspf, jspf };

struct PlaylistEntry {
  std::string title;
  std::string artist;
  std::optional<std::string> album{};
  std::optional<std::int64_t> duration_ms{};
  std::optional<std::string> spotify_id{};
  std::string annotation{};  // why it is there; empty: none written
};

struct PlaylistDocument {
  std::string title;
  std::string annotation{};  // a one-line description; empty: none written
  std::vector<PlaylistEntry> entries{};
};

// "m3u8", "xspf" or "jspf"; a UsageError otherwise.
PlaylistFormat parse_playlist_format(const std::string& text);

// By the file's extension (.m3u8, .m3u, .xspf, .jspf, any case); a UsageError naming the file otherwise.
PlaylistFormat playlist_format_of(const std::filesystem::path& path);

const char* playlist_extension(PlaylistFormat format);

// spotify:track:<id>, or spotify:search:<artist title> for a track without an ID.
std::string playlist_location(const PlaylistEntry& entry);

std::string render_playlist(const PlaylistDocument& document, PlaylistFormat format);

// Rendered and written atomically (the old file stays whole on any failure).
void write_playlist_file(const std::filesystem::path& path, const PlaylistDocument& document, PlaylistFormat format);

}  // namespace sonic::report
