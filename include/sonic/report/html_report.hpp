#pragma once
// `sonic report --format html`: the dashboard (report/dashboard.hpp) as ONE self-contained page:
// inline CSS and inline SVG charts (report/svg_charts.hpp), no script, no external request of
// any kind (a Content-Security-Policy of default-src 'none' says so to the browser too), and
// every string from the data HTML-escaped.
#include <nlohmann/json.hpp>
#include <string>

namespace sonic::report {

std::string render_html(const nlohmann::json& dashboard);

}  // namespace sonic::report
