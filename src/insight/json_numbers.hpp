#pragma once
// Figures in the insight JSON are rounded, so the numbers a narrative quotes are the numbers a
// person (and the model) reads in the statistics: hours to 2 decimals, shares and means to 3.
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>

namespace sonic::insight {

inline double rounded(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  const double result = std::round(value * scale) / scale;
  return result == 0 ? 0.0 : result;  // no "-0" in the JSON
}

inline nlohmann::json rounded_or_null(const std::optional<double>& value, int decimals) {
  return value ? nlohmann::json(rounded(*value, decimals)) : nlohmann::json(nullptr);
}

inline constexpr int kHourDecimals = 2;
inline constexpr int kShareDecimals = 3;

}  // namespace sonic::insight
