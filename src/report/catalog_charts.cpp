#include "catalog_charts.hpp"

#include <algorithm>
#include <cmath>

#include "report_format.hpp"
#include "sonic/report/text_escape.hpp"
#include "svg_parts.hpp"

namespace sonic::report::detail {
namespace {

// Where a value falls on an axis of `length` pixels from `low` to `high`.
double scale(double value, double low, double high, double length) {
  return high > low ? (value - low) / (high - low) * length : length / 2;
}

std::string decimals_for(double range) { return range >= 100 ? "%.0f" : range >= 10 ? "%.1f" : "%.2f"; }

std::string tick_label(double value, double range) {
  char text[32];
  std::snprintf(text, sizeof text, decimals_for(range).c_str(), value);
  return text;
}

// Blue (0) to red (1) through grey-violet: the SHAP summary's value colour.
std::string value_colour(double scaled) {
  if (scaled < 0) return "#b0b6bc";
  const auto channel = [&](double from, double to) {
    return static_cast<int>(std::lround(from + (to - from) * scaled));
  };
  char colour[8];
  std::snprintf(colour, sizeof colour, "#%02x%02x%02x", channel(0x3b, 0xef), channel(0x82, 0x44), channel(0xf6, 0x44));
  return colour;
}

}  // namespace

std::string trend_band_svg(const nlohmann::json& trends, const std::string& feature) {
  const auto& periods = field(trends, "periods");
  if (!periods.is_array() || periods.empty()) return "";
  struct Point {
    int period;
    double q1, median, q3;
    bool small;
  };
  std::vector<Point> points;
  double low = INFINITY, high = -INFINITY;
  for (const auto& period : periods) {
    const auto& spread = field(field(period, "features"), feature);
    const auto& median = field(spread, "median");
    if (!median.is_number()) continue;
    Point point{static_cast<int>(integer_or(period, "period", 0)), number_or(spread, "q1", median.get<double>()),
                median.get<double>(), number_or(spread, "q3", median.get<double>()), field(period, "small") == true};
    low = std::min(low, point.q1);
    high = std::max(high, point.q3);
    points.push_back(point);
  }
  if (points.empty()) return "";
  constexpr double kWidth = 300, kHeight = 120, kLeft = 40, kTop = 18, kBottom = 20;
  const double plot_width = kWidth - kLeft - 8;
  const auto x_of = [&](std::size_t i) {
    return kLeft + (points.size() == 1 ? plot_width / 2
                                       : static_cast<double>(i) / static_cast<double>(points.size() - 1) * plot_width);
  };
  const auto y_of = [&](double value) { return kTop + kHeight - scale(value, low, high, kHeight); };
  std::string svg = svg_open(kWidth, kTop + kHeight + kBottom, feature + ": median and interquartile range by period");
  svg += text_at(kLeft, 12, feature);
  svg += text_at(kLeft - 4, y_of(high) + 4, tick_label(high, high - low), "end");
  svg += text_at(kLeft - 4, y_of(low) + 4, tick_label(low, high - low), "end");
  std::string band_top, band_bottom, line;
  for (std::size_t i = 0; i < points.size(); ++i) {
    band_top += concat(i == 0 ? "" : " ", num(x_of(i)), ",", num(y_of(points[i].q3)));
    band_bottom = concat(num(x_of(i)), ",", num(y_of(points[i].q1)), i == 0 ? "" : " ", band_bottom);
    line += concat(i == 0 ? "" : " ", num(x_of(i)), ",", num(y_of(points[i].median)));
  }
  svg += concat("<polygon points=\"", band_top, " ", band_bottom, "\" fill=\"#1db954\" fill-opacity=\"0.2\"/>");
  svg += concat("<polyline points=\"", line, "\" fill=\"none\" stroke=\"#15803d\" stroke-width=\"2\"/>");
  const std::size_t label_every = std::max<std::size_t>(1, (points.size() + 5) / 6);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Point& point = points[i];
    svg += concat("<circle cx=\"", num(x_of(i)), "\" cy=\"", num(y_of(point.median)), "\" r=\"3\" fill=\"",
                  point.small ? "#fff" : "#15803d", "\" stroke=\"#15803d\"><title>",
                  html_escape(concat(std::to_string(point.period), ": median ", tick_label(point.median, high - low),
                                     ", IQR ", tick_label(point.q1, high - low), " to ",
                                     tick_label(point.q3, high - low), point.small ? " (few tracks)" : "")),
                  "</title></circle>");
    if (i % label_every == 0) svg += text_at(x_of(i), kTop + kHeight + 14, std::to_string(point.period), "middle");
  }
  return svg + "</svg>";
}

std::string histogram_svg(const nlohmann::json& distribution) {
  const auto& counts = field(distribution, "counts");
  if (!counts.is_array() || counts.empty()) return "";
  const std::string feature = text_or(distribution, "feature", "");
  const double low = number_or(distribution, "low", 0), high = number_or(distribution, "high", 1);
  std::int64_t most = 1;
  for (const auto& count : counts)
    most = std::max<std::int64_t>(most, count.is_number() ? count.get<std::int64_t>() : 0);
  constexpr double kWidth = 300, kHeight = 90, kLeft = 8, kTop = 18, kBottom = 18;
  const double slot = (kWidth - 2 * kLeft) / static_cast<double>(counts.size());
  std::string svg = svg_open(kWidth, kTop + kHeight + kBottom, feature + ": distribution over the catalog");
  svg += text_at(kLeft, 12, feature);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const auto count = counts[i].is_number() ? counts[i].get<std::int64_t>() : 0;
    const double height = kHeight * static_cast<double>(count) / static_cast<double>(most);
    const double from = low + (high - low) * static_cast<double>(i) / static_cast<double>(counts.size());
    const double to = low + (high - low) * static_cast<double>(i + 1) / static_cast<double>(counts.size());
    svg +=
        rect(kLeft + static_cast<double>(i) * slot + 0.5, kTop + kHeight - height, slot - 1, height, "#3b82f6", 0.8,
             concat(tick_label(from, high - low), " to ", tick_label(to, high - low), ": ", grouped(count), " tracks"));
  }
  svg += text_at(kLeft, kTop + kHeight + 14, tick_label(low, high - low));
  svg += text_at(kWidth - kLeft, kTop + kHeight + 14, tick_label(high, high - low), "end");
  return svg + "</svg>";
}

std::string importance_svg(const nlohmann::json& importance) {
  if (!importance.is_array() || importance.empty()) return "";
  double most = 1e-12;
  for (const auto& row : importance) most = std::max(most, number_or(row, "mean_abs_shap", 0));
  constexpr double kRow = 20, kLeft = 130, kWidth = 560, kTop = 6;
  std::string svg =
      svg_open(kWidth, kTop + kRow * static_cast<double>(importance.size()) + 6, "Importance: mean |SHAP| per input");
  for (std::size_t i = 0; i < importance.size(); ++i) {
    const double y = kTop + kRow * static_cast<double>(i);
    const double value = number_or(importance[i], "mean_abs_shap", 0);
    const std::string input = text_or(importance[i], "input", "");
    svg += text_at(kLeft - 6, y + 14, input, "end");
    svg += rect(kLeft, y + 3, (kWidth - kLeft - 60) * value / most, kRow - 6, "#8b5cf6", 0.85,
                concat(input, ": mean |SHAP| ", fixed(value, 3), ", ",
                       percent(number_or(importance[i], "gain_share", 0)), " of split gain"));
    svg += text_at(kLeft + (kWidth - kLeft - 60) * value / most + 4, y + 14, fixed(value, 3));
  }
  return svg + "</svg>";
}

std::string shap_summary_svg(const nlohmann::json& shap) {
  const auto& inputs = field(shap, "inputs");
  if (!inputs.is_array() || inputs.empty()) return "";
  double reach = 1e-12;
  for (const auto& input : inputs) {
    for (const auto& point : field(input, "points")) {
      if (point.is_array() && !point.empty() && point[0].is_number()) {
        reach = std::max(reach, std::abs(point[0].get<double>()));
      }
    }
  }
  constexpr double kRow = 22, kLeft = 130, kWidth = 620, kTop = 6, kBottom = 30;
  const double plot = kWidth - kLeft - 10;
  const auto x_of = [&](double contribution) { return kLeft + (contribution + reach) / (2 * reach) * plot; };
  const double height = kTop + kRow * static_cast<double>(inputs.size());
  std::string svg = svg_open(kWidth, height + kBottom, "SHAP summary: each track's contribution per input");
  svg += concat("<line x1=\"", num(x_of(0)), "\" y1=\"", num(kTop), "\" x2=\"", num(x_of(0)), "\" y2=\"", num(height),
                "\" stroke=\"#9aa3ab\"/>");
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const double y = kTop + kRow * static_cast<double>(i) + kRow / 2;
    svg += text_at(kLeft - 6, y + 4, text_or(inputs[i], "input", ""), "end");
    const auto& points = field(inputs[i], "points");
    for (std::size_t p = 0; p < points.size(); ++p) {
      const auto& point = points[p];
      if (!point.is_array() || point.size() != 2 || !point[0].is_number() || !point[1].is_number()) continue;
      // A fixed spread by position, so dots at one value do not hide each other (no randomness).
      const double jitter = (static_cast<double>((p * 37) % 11) - 5) * 1.4;
      svg += concat("<circle cx=\"", num(x_of(point[0].get<double>())), "\" cy=\"", num(y + jitter),
                    "\" r=\"1.8\" fill=\"", value_colour(point[1].get<double>()), "\" fill-opacity=\"0.7\"/>");
    }
  }
  svg += text_at(kLeft, height + 16, concat("-", fixed(reach, 2), " (towards a miss)"));
  svg += text_at(kWidth - 10, height + 16, concat("+", fixed(reach, 2), " (towards a hit)"), "end");
  svg += text_at(x_of(0), height + 28, "SHAP value, log-odds; colour: the input's value, blue low, red high", "middle");
  return svg + "</svg>";
}

}  // namespace sonic::report::detail
