#pragma once
// The HTML report's charts as inline SVG, each from one dashboard section (report/dashboard.hpp).
// Text from the data is HTML-escaped; nothing refers to anything outside the SVG. Each returns
// "" when its section holds nothing to draw (the page then says what to run).
#include <nlohmann/json.hpp>
#include <string>

namespace sonic::report {

// 7 × 24 cells, shaded by listening minutes relative to the busiest cell.
std::string heatmap_svg(const nlohmann::json& heatmap);

// Stacked bars per week or month of the shares under `key` ("moods" or "clusters").
std::string mood_over_time_svg(const nlohmann::json& mood_over_time, const std::string& key);

// Valence × energy: each cluster's sampled tracks as dots and its centre as a labelled disc.
std::string cluster_scatter_svg(const nlohmann::json& clusters);

// 24 bars: the chance of a listening session in each of the next hours.
std::string forecast_svg(const nlohmann::json& forecast);

// The colour of the i-th series (moods, clusters), the same in charts and legends.
const char* series_colour(std::size_t index);

}  // namespace sonic::report
