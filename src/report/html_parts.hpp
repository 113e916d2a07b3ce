#pragma once
// The page every HTML output of report/ is: one self-contained document (inline CSS, no script,
// a Content-Security-Policy of default-src 'none'), sections, tables and legends. Text passed as
// a title is escaped here; table cells arrive escaped. Private to report/.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sonic::report::detail {

// <!DOCTYPE html> … <main><h1>title</h1><p class="sub">subtitle</p>: both escaped here.
std::string html_page_start(const std::string& title, const std::string& subtitle);
std::string html_page_end();  // closes main, body and html

std::string section(const std::string& id, const std::string& title, const std::string& body);
// Cells are escaped by the caller; a header starting with '#' marks a numeric column.
std::string table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows);
// A swatch in the series colour (svg_charts.hpp) before each name.
std::string legend(const nlohmann::json& names);

}  // namespace sonic::report::detail
