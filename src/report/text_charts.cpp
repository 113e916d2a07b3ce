#include "sonic/report/text_charts.hpp"

#include <algorithm>
#include <cmath>

#include "report_format.hpp"

namespace sonic::report {
namespace {

using detail::number_or;

constexpr const char* kLevels[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};

// Nothing is blank; anything above nothing shows at least the lowest block.
std::string block(double value, double max) {
  if (!(value > 0) || !(max > 0)) return " ";
  const auto level = static_cast<int>(std::ceil(std::min(value / max, 1.0) * 8)) - 1;
  return kLevels[std::clamp(level, 0, 7)];
}

// "     00    03 …": a label every three hours over cells two columns wide.
std::string hour_axis(const std::string& indent, const std::vector<int>& hours) {
  std::string line = indent;
  for (std::size_t i = 0; i < hours.size(); i += 3) {
    line += detail::two_digits(hours[i]);
    if (i + 3 < hours.size()) line += "    ";
  }
  return line;
}

}  // namespace

std::vector<std::string> heatmap_lines(const nlohmann::json& heatmap) {
  const double max = number_or(heatmap, "max", 0);
  const auto& minutes = detail::field(heatmap, "minutes");
  if (!(max > 0) || !minutes.is_array() || minutes.size() != 7) return {};
  static const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  std::vector<int> hours(24);
  for (int hour = 0; hour < 24; ++hour) hours[static_cast<std::size_t>(hour)] = hour;
  std::vector<std::string> lines = {hour_axis("     ", hours)};
  double busiest = -1;
  std::string busiest_at;
  for (std::size_t day = 0; day < 7; ++day) {
    std::string line = std::string(kDays[day]) + "  ";
    const bool row_ok = minutes[day].is_array();
    for (std::size_t hour = 0; row_ok && hour < 24 && hour < minutes[day].size(); ++hour) {
      const double value = minutes[day][hour].is_number() ? minutes[day][hour].get<double>() : 0;
      const std::string cell = block(value, max);
      line += cell + cell;
      if (value > busiest) {
        busiest = value;
        busiest_at = std::string(kDays[day]) + " " + detail::two_digits(static_cast<int>(hour)) + ":00";
      }
    }
    lines.push_back(line);
  }
  lines.push_back("busiest hour: " + busiest_at + " (" + detail::fixed(busiest, 0) + " minutes in all)");
  return lines;
}

std::vector<std::string> forecast_lines(const nlohmann::json& forecast) {
  if (!detail::has_items(forecast, "hours")) return {};
  const auto& entries = detail::field(forecast, "hours");
  std::string bars = "     ";
  std::vector<int> hours;
  std::vector<std::pair<double, int>> likeliest;
  for (const auto& entry : entries) {
    if (hours.size() == 24) break;
    const double probability = std::clamp(number_or(entry, "probability", 0), 0.0, 1.0);
    const int hour = static_cast<int>(number_or(entry, "hour", 0)) % 24;
    const std::string cell = block(probability, 1.0);
    bars += cell + cell;
    hours.push_back(hour);
    likeliest.emplace_back(probability, hour);
  }
  // Stable: equal chances keep the forecast's (time) order.
  std::stable_sort(likeliest.begin(), likeliest.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string top = "likeliest:";
  for (std::size_t i = 0; i < likeliest.size() && i < 3; ++i) {
    top += (i ? ", " : " ") + detail::two_digits(likeliest[i].second) + ":00 (" + detail::percent(likeliest[i].first) +
           ")";
  }
  return {bars, hour_axis("     ", hours), top};
}

}  // namespace sonic::report
