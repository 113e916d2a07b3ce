#pragma once
// `sonic catalog report` rendered from its JSON (pipeline/catalog_report.hpp): for the terminal,
// as Markdown, and as one self-contained HTML page with inline SVG charts (the listening
// report's page, CSP and escaping: report/html_report.hpp). Every string from the data is
// escaped for its format.
#include <nlohmann/json.hpp>
#include <string>

namespace sonic::report {

std::string catalog_report_text(const nlohmann::json& report);
std::string catalog_report_markdown(const nlohmann::json& report);
std::string catalog_report_html(const nlohmann::json& report);

}  // namespace sonic::report
