#pragma once
// `sonic report --format md`: the dashboard (report/dashboard.hpp) as a Markdown document with
// tables and the Unicode charts in code blocks. Every string from the data is Markdown-escaped.
#include <nlohmann/json.hpp>
#include <string>

namespace sonic::report {

std::string render_markdown(const nlohmann::json& dashboard);

}  // namespace sonic::report
