#pragma once
// The genres section (taste/genre_summary.hpp's JSON) in words, the same in `sonic stats` and in
// the terminal, Markdown and HTML reports. Unescaped: each caller makes the text safe for its
// format. Private to report/.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "report_format.hpp"

namespace sonic::report::detail {

// "A known genre for 1,234 of 2,000 listens (61.7%): 1,000 by the track's Last.fm tags, 234 by a
// catalog's genres for the artist." "" for no listens.
std::string genre_coverage(const nlohmann::json& genres);

// ["indie rock 25%", "shoegaze 12%"] from a list of {"genre" or "descriptor", "share"}.
std::vector<std::string> genre_share_items(const nlohmann::json& list, std::size_t limit);

// "morning (05–12)"
std::string time_of_day_label(const nlohmann::json& slice);

// The section's tables for Markdown and HTML: the top genres, then by year and by time of day.
// Unescaped cells; a header starting with '#' is a numeric column (as html_parts' table()).
using GenreTable = TextTable;  // title "" for the top genres
std::vector<GenreTable> genre_tables(const nlohmann::json& genres);

// Terminal-safe lines of at most 78 columns for `sonic stats` and the terminal report:
// the coverage, the top genres with hours and shares, the descriptors, then by year and by time
// of day. The coverage and the way to get genres when none is known.
std::vector<std::string> genre_lines(const nlohmann::json& genres);

}  // namespace sonic::report::detail
