#pragma once
// Text from the data (track and artist names, cluster labels, the narrative) on its way into a
// document. Both first pass terminal_safe, so control characters and invalid UTF-8 never reach
// the file either.
#include <string>
#include <string_view>

namespace sonic::report {

// & < > " ' as entities: safe in HTML text and in quoted attribute values (SVG included).
std::string html_escape(std::string_view text);

// Every ASCII punctuation character Markdown (CommonMark, GitHub tables) could read as syntax
// or inline HTML is backslash-escaped, so `<script>` stays text and `|` cannot end a cell.
std::string markdown_escape(std::string_view text);

}  // namespace sonic::report
