#include "sonic/report/svg_charts.hpp"

#include <algorithm>

#include "report_format.hpp"
#include "svg_parts.hpp"
#include "sonic/report/text_escape.hpp"

namespace sonic::report {

using namespace detail;

const char* series_colour(std::size_t index) {
  static const char* kPalette[] = {"#1db954", "#3b82f6", "#f59e0b", "#ef4444", "#8b5cf6",
                                   "#14b8a6", "#ec4899", "#84cc16", "#f97316", "#64748b"};
  return kPalette[index % (sizeof kPalette / sizeof kPalette[0])];
}

std::string heatmap_svg(const nlohmann::json& heatmap) {
  const double max = number_or(heatmap, "max", 0);
  const auto& minutes = field(heatmap, "minutes");
  if (!(max > 0) || !minutes.is_array() || minutes.size() != 7) return "";
  static const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  constexpr double kCell = 26, kLeft = 44, kTop = 22;
  std::string svg = svg_open(kLeft + 24 * kCell + 4, kTop + 7 * kCell + 4, "Listening minutes by weekday and hour");
  for (int hour = 0; hour < 24; hour += 3) {
    svg += text_at(kLeft + hour * kCell + kCell / 2, 14, two_digits(hour), "middle");
  }
  for (std::size_t day = 0; day < 7; ++day) {
    const double y = kTop + static_cast<double>(day) * kCell;
    svg += text_at(4, y + kCell * 0.65, kDays[day]);
    for (std::size_t hour = 0; hour < 24; ++hour) {
      const auto& cell = minutes[day].is_array() && hour < minutes[day].size() ? minutes[day][hour] : nlohmann::json();
      const double value = cell.is_number() ? cell.get<double>() : 0;
      const double shade = value > 0 ? 0.08 + 0.92 * std::min(value / max, 1.0) : 1.0;
      svg += rect(kLeft + static_cast<double>(hour) * kCell + 1, y + 1, kCell - 2, kCell - 2,
                  value > 0 ? "#1db954" : "#eef0f2", shade,
                  concat(kDays[day], " ", two_digits(static_cast<int>(hour)), ":00, ", fixed(value, 0), " minutes"));
    }
  }
  return svg + "</svg>";
}

std::string mood_over_time_svg(const nlohmann::json& mood_over_time, const std::string& key) {
  const auto& names = field(mood_over_time, key);
  const auto& buckets = field(mood_over_time, "buckets");
  if (!names.is_array() || names.empty() || !buckets.is_array() || buckets.empty()) return "";
  constexpr double kWidth = 720, kHeight = 220, kLeft = 36, kTop = 10, kBottom = 24;
  const double slot = (kWidth - kLeft) / static_cast<double>(buckets.size());
  std::string svg = svg_open(kWidth, kTop + kHeight + kBottom, "Share of listens by " + key + " over time");
  for (const int tick : {0, 50, 100}) {
    svg += text_at(kLeft - 4, kTop + kHeight * (1 - tick / 100.0) + 4, std::to_string(tick) + "%", "end");
  }
  const std::size_t label_every = std::max<std::size_t>(1, (buckets.size() + 7) / 8);
  const bool weekly = text_or(mood_over_time, "bucket", "") == "week";
  for (std::size_t b = 0; b < buckets.size(); ++b) {
    const double x = kLeft + static_cast<double>(b) * slot;
    const auto& shares = field(buckets[b], key);
    const std::string bucket_label = text_or(buckets[b], "label", "");
    double y = kTop + kHeight;
    for (std::size_t n = 0; n < names.size(); ++n) {
      const std::string name = names[n].is_string() ? names[n].get<std::string>() : "";
      const double share = std::clamp(number_or(shares, name, 0), 0.0, 1.0);
      if (share <= 0) continue;
      y -= share * kHeight;
      svg += rect(x + slot * 0.1, y, slot * 0.8, share * kHeight, series_colour(n), 0.9,
                  concat(bucket_label, ": ", name, " ", percent(share)));
    }
    if (b % label_every == 0) {
      // A week by its Monday, a month by its name.
      const std::string start = text_or(buckets[b], "start", "");
      svg += text_at(x + slot / 2, kTop + kHeight + 16, weekly ? start : start.substr(0, 7), "middle");
    }
  }
  return svg + "</svg>";
}

std::string cluster_scatter_svg(const nlohmann::json& clusters) {
  const auto& items = field(clusters, "items");
  if (!items.is_array() || items.empty()) return "";
  constexpr double kSize = 420, kLeft = 44, kTop = 10, kBottom = 36;
  const auto x_of = [&](double valence) { return kLeft + std::clamp(valence, 0.0, 1.0) * kSize; };
  const auto y_of = [&](double energy) { return kTop + (1 - std::clamp(energy, 0.0, 1.0)) * kSize; };
  std::string svg = svg_open(kLeft + kSize + 10, kTop + kSize + kBottom, "Clusters by valence and energy");
  svg += concat("<rect x=\"", num(kLeft), "\" y=\"", num(kTop), "\" width=\"", num(kSize), "\" height=\"", num(kSize),
                "\" fill=\"none\" stroke=\"#c8ccd0\"/>");
  svg += text_at(kLeft + kSize / 2, kTop + kSize + 28, "valence (sad → happy)", "middle");
  svg += text_at(4, kTop + 12, "energy");
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (const auto& point : field(items[i], "points")) {
      if (!point.is_array() || point.size() != 2 || !point[0].is_number() || !point[1].is_number()) continue;
      svg += concat("<circle cx=\"", num(x_of(point[0].get<double>())), "\" cy=\"", num(y_of(point[1].get<double>())),
                    "\" r=\"2.5\" fill=\"", series_colour(i), "\" fill-opacity=\"0.45\"/>");
    }
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& valence = field(items[i], "valence");
    const auto& energy = field(items[i], "energy");
    if (!valence.is_number() || !energy.is_number()) continue;
    const double x = x_of(valence.get<double>());
    const double y = y_of(energy.get<double>());
    const std::string label = text_or(items[i], "label", "");
    svg += concat("<circle cx=\"", num(x), "\" cy=\"", num(y), "\" r=\"9\" fill=\"", series_colour(i),
                  "\" stroke=\"#222\" stroke-width=\"1.5\"><title>", html_escape(label), "</title></circle>");
    // Labels point inwards, so those on the right stay inside the chart.
    svg += x > kLeft + kSize / 2 ? text_at(x - 12, y + 4, label, "end") : text_at(x + 12, y + 4, label);
  }
  return svg + "</svg>";
}

std::string forecast_svg(const nlohmann::json& forecast) {
  const auto& hours = field(forecast, "hours");
  if (!hours.is_array() || hours.empty()) return "";
  constexpr double kWidth = 720, kHeight = 160, kLeft = 36, kTop = 10, kBottom = 24;
  const std::size_t count = std::min<std::size_t>(hours.size(), 24);
  const double slot = (kWidth - kLeft) / static_cast<double>(count);
  std::string svg = svg_open(kWidth, kTop + kHeight + kBottom, "Chance of a listening session by hour");
  for (const int tick : {0, 50, 100}) {
    svg += text_at(kLeft - 4, kTop + kHeight * (1 - tick / 100.0) + 4, std::to_string(tick) + "%", "end");
  }
  for (std::size_t i = 0; i < count; ++i) {
    const double probability = std::clamp(number_or(hours[i], "probability", 0), 0.0, 1.0);
    const int hour = static_cast<int>(number_or(hours[i], "hour", 0)) % 24;
    const double x = kLeft + static_cast<double>(i) * slot;
    svg += rect(x + slot * 0.15, kTop + kHeight * (1 - probability), slot * 0.7, kHeight * probability, "#3b82f6", 0.85,
                concat(two_digits(hour), ":00, ", percent(probability)));
    if (i % 3 == 0) svg += text_at(x + slot / 2, kTop + kHeight + 16, two_digits(hour), "middle");
  }
  return svg + "</svg>";
}

}  // namespace sonic::report
