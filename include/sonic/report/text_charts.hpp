#pragma once
// Charts drawn with Unicode block characters, for the terminal report and the Markdown report's
// code blocks. Each reads a dashboard section (report/dashboard.hpp) and returns lines of at most
// 60 display columns, without colour.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sonic::report {

// Weekday × hour: a header of hours, then "Mon  " and 24 cells of two columns, the block's
// height relative to the busiest cell (" " for none, "▁" … "█"); then the busiest cell.
// Empty when the heatmap holds no listening.
std::vector<std::string> heatmap_lines(const nlohmann::json& heatmap);

// The next 24 hours' session probabilities as bars on an absolute 0..1 scale, under them the
// local hours, then the likeliest hours. Empty when the forecast has no hours.
std::vector<std::string> forecast_lines(const nlohmann::json& forecast);

}  // namespace sonic::report
