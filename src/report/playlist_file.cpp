#include "sonic/report/playlist_file.hpp"

#include <nlohmann/json.hpp>

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

std::string location(const taste::Recommendation& pick) {
  if (pick.spotify_id) return "spotify:track:" + percent_encode(*pick.spotify_id);
  return "spotify:search:" + percent_encode(pick.artist + " " + pick.track);
}

// One line: no control character (a newline would start a new M3U entry).
std::string one_line(const std::string& text) { return terminal_safe(text); }

std::string because(const taste::Recommendation& pick) {
  std::string text;
  for (const auto& reason : pick.reasons) {
    text += (text.empty() ? "because: " : ", ") + std::to_string(reason.percent) + "% " + reason.because;
  }
  return text;
}

}  // namespace

PlaylistFormat parse_playlist_format(const std::string& text) {
  if (text == "m3u8") return PlaylistFormat::m3u8;
  if (text == "xspf") return PlaylistFormat::xspf;
  if (text == "jspf") return PlaylistFormat::jspf;
  throw UsageError("--format must be m3u8, xspf or jspf, not '" + text + "'");
}

std::string render_playlist(const taste::RecommendResult& result, PlaylistFormat format, const std::string& title) {
  if (format == PlaylistFormat::m3u8) {
    std::string text = "#EXTM3U\n#PLAYLIST:" + one_line(title) + "\n";
    for (const auto& pick : result.recommendations) {
      text += "#EXTINF:-1," + one_line(pick.artist) + " - " + one_line(pick.track) + "\n" + location(pick) + "\n";
    }
    return text;
  }
  if (format == PlaylistFormat::jspf) {
    nlohmann::json tracks = nlohmann::json::array();
    for (const auto& pick : result.recommendations) {
      tracks.push_back({{"title", pick.track},
                        {"creator", pick.artist},
                        {"location", nlohmann::json::array({location(pick)})},
                        {"annotation", because(pick)}});
    }
    nlohmann::json document = {{"playlist", {{"title", title}, {"track", tracks}}}};
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  std::string text =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<playlist version=\"1\" xmlns=\"http://xspf.org/ns/0/\">\n";
  text += "  <title>" + html_escape(title) + "</title>\n  <trackList>\n";
  for (const auto& pick : result.recommendations) {
    text += "    <track>\n      <location>" + html_escape(location(pick)) + "</location>\n      <title>" +
            html_escape(pick.track) + "</title>\n      <creator>" + html_escape(pick.artist) +
            "</creator>\n      <annotation>" + html_escape(because(pick)) + "</annotation>\n    </track>\n";
  }
  return text + "  </trackList>\n</playlist>\n";
}

}  // namespace sonic::report
