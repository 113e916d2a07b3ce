#pragma once
// Text from the data (track and artist names) on its way to a terminal: control characters are
// replaced so a crafted name cannot move the cursor or change colours, and cells are cut and
// padded by display width, counting East Asian wide characters as two columns.
#include <string>
#include <string_view>
#include <vector>

namespace sonic::report {

// Replaces C0/C1 control characters (ESC among them) and invalid UTF-8 with U+FFFD.
std::string terminal_safe(std::string_view text);

// Display columns of UTF-8 text.
int display_width(std::string_view text);

// Safe text cut to at most `width` columns (ending in "…" when cut), padded with spaces on the
// right (or left, for numbers) to exactly `width`.
std::string cell(std::string_view text, int width, bool align_right = false);

// Safe text broken into lines of at most `width` columns at spaces (a longer word is cut).
std::vector<std::string> wrap(std::string_view text, int width);

}  // namespace sonic::report
