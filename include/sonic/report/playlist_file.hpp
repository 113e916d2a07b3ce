#pragma once
// Recommendations as a playlist file: M3U8 (#EXTINF lines, one URI each), XSPF (XML) or JSPF
// (XSPF's JSON form). Locations are spotify:track:<id>, or for a track without an ID a
// spotify:search: URI of its artist and title; every name is escaped for its format.
#include <string>

#include "sonic/taste/recommend.hpp"

namespace sonic::report {

enum class PlaylistFormat { m3u8, xspf, jspf };

// "m3u8", "xspf" or "jspf"; a UsageError otherwise.
PlaylistFormat parse_playlist_format(const std::string& text);

std::string render_playlist(const taste::RecommendResult& result, PlaylistFormat format, const std::string& title);

}  // namespace sonic::report
