#include "sonic/report/playlist_file.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "sonic/core/atomic_file.hpp"
#include "sonic/core/error.hpp"
#include "sonic/report/text_cell.hpp"
#include "sonic/report/text_escape.hpp"

namespace sonic::report {
namespace {

// RFC 3986 unreserved characters stay, everything else is %XX.
std::string percent_encode(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string encoded;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
      encoded.push_back(c);
    } else {
      encoded += {'%', kHex[byte >> 4], kHex[byte & 15]};
    }
  }
  return encoded;
}

// One line: no control character (a newline would start a new M3U entry). A comma stays: M3U
// readers take the first comma after the duration as the separator, so later ones are title text.
std::string one_line(const std::string& text) { return terminal_safe(text); }

std::string render_m3u8(const PlaylistDocument& document) {
  std::string text = "#EXTM3U\n#PLAYLIST:" + one_line(document.title) + "\n";
  for (const auto& entry : document.entries) {
    // #EXTINF takes whole seconds, -1 for unknown.
    const auto seconds = entry.duration_ms ? std::to_string((*entry.duration_ms + 500) / 1000) : std::string("-1");
    text += "#EXTINF:" + seconds + "," + one_line(entry.artist) + " - " + one_line(entry.title) + "\n";
    if (entry.album) text += "#EXTALB:" + one_line(*entry.album) + "\n";
    text += playlist_location(entry) + "\n";
  }
  return text;
}

std::string render_jspf(const PlaylistDocument& document) {
  nlohmann::json tracks = nlohmann::json::array();
  for (const auto& entry : document.entries) {
    nlohmann::json track = {{"title", entry.title},
                            {"creator", entry.artist},
                            {"location", nlohmann::json::array({playlist_location(entry)})}};
    if (entry.album) track["album"] = *entry.album;
    if (entry.duration_ms) track["duration"] = *entry.duration_ms;
    if (!entry.annotation.empty()) track["annotation"] = entry.annotation;
    tracks.push_back(std::move(track));
  }
  nlohmann::json playlist = {{"title", document.title}, {"track", tracks}};
  if (!document.annotation.empty()) playlist["annotation"] = document.annotation;
  // Invalid UTF-8 from the data becomes U+FFFD rather than an exception or an unreadable file.
  return nlohmann::json{{"playlist", playlist}}.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string xml_element(const char* name, const std::string& text, const char* indent) {
  return std::string(indent) + "<" + name + ">" + html_escape(text) + "</" + name + ">\n";
}

// XSPF 1 (https://xspf.org/spec): <playlist version="1" xmlns="http://xspf.org/ns/0/"> with a
// <trackList>; a track's elements in the spec's order.
std::string render_xspf(const PlaylistDocument& document) {
  std::string text =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<playlist version=\"1\" xmlns=\"http://xspf.org/ns/0/\">\n";
  text += xml_element("title", document.title, "  ");
  if (!document.annotation.empty()) text += xml_element("annotation", document.annotation, "  ");
  text += "  <trackList>\n";
  for (const auto& entry : document.entries) {
    text += "    <track>\n";
    text += xml_element("location", playlist_location(entry), "      ");
    text += xml_element("title", entry.title, "      ");
    text += xml_element("creator", entry.artist, "      ");
    if (!entry.annotation.empty()) text += xml_element("annotation", entry.annotation, "      ");
    if (entry.album) text += xml_element("album", *entry.album, "      ");
    if (entry.duration_ms) text += xml_element("duration", std::to_string(*entry.duration_ms), "      ");
    text += "    </track>\n";
  }
  return text + "  </trackList>\n</playlist>\n";
}

}  // namespace

PlaylistFormat parse_playlist_format(const std::string& text) {
  if (text == "m3u8") return PlaylistFormat::m3u8;
  if (text == "xspf") return PlaylistFormat::xspf;
  if (text == "jspf") return PlaylistFormat::jspf;
  throw UsageError("--format must be m3u8, xspf or jspf, not '" + text + "'");
}

PlaylistFormat playlist_format_of(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension == ".m3u8" || extension == ".m3u") return PlaylistFormat::m3u8;
  if (extension == ".xspf") return PlaylistFormat::xspf;
  if (extension == ".jspf") return PlaylistFormat::jspf;
  throw UsageError("--out " + terminal_safe(path.string()) + ": the file must end in .m3u8, .xspf or .jspf");
}

const char* playlist_extension(PlaylistFormat format) {
  static const char* kExtensions[] = {"m3u8", "xspf", "jspf"};
  return kExtensions[static_cast<int>(format)];
}

std::string playlist_location(const PlaylistEntry& entry) {
  if (entry.spotify_id) return "spotify:track:" + percent_encode(*entry.spotify_id);
  return "spotify:search:" + percent_encode(entry.artist + " " + entry.title);
}

std::string render_playlist(const PlaylistDocument& document, PlaylistFormat format) {
  switch (format) {
    case PlaylistFormat::m3u8:
      return render_m3u8(document);
    case PlaylistFormat::jspf:
      return render_jspf(document);
    case PlaylistFormat::xspf:
      break;
  }
  return render_xspf(document);
}

void write_playlist_file(const std::filesystem::path& path, const PlaylistDocument& document, PlaylistFormat format) {
  write_file_atomically(path, render_playlist(document, format));
}

}  // namespace sonic::report
