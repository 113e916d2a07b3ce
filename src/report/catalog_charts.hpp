#pragma once
// The catalog report's inline SVG charts (report/catalog_report.hpp), each from one part of the
// `sonic catalog report` JSON (pipeline/catalog_report.hpp). "" when there is nothing to draw.
// Private to report/.
#include <nlohmann/json.hpp>
#include <string>

namespace sonic::report::detail {

// One feature across the periods: the median as a line over the interquartile range as a band;
// periods with too few tracks are hollow dots.
std::string trend_band_svg(const nlohmann::json& trends, const std::string& feature);

// One feature's histogram (its "low", "high" and "counts").
std::string histogram_svg(const nlohmann::json& distribution);

// Horizontal bars per input: mean |SHAP| (log-odds), with the share of split gain in its tooltip.
std::string importance_svg(const nlohmann::json& importance);

// A SHAP summary: one row per input, each sampled track a dot at its contribution, coloured from
// blue (the input's low values) to red (high), grey where the value is missing.
std::string shap_summary_svg(const nlohmann::json& shap);

}  // namespace sonic::report::detail
