#include "sonic/report/heatmap.hpp"

#include <algorithm>
#include <cmath>

#include "sonic/core/utc_time.hpp"

namespace sonic::report {

void Heatmap::add_listen(const TimeZone& zone, std::int64_t start_ms, std::int64_t ms_played) {
  std::int64_t at = start_ms;
  std::int64_t left = ms_played;
  while (left > 0) {
    const LocalTime local = zone.local(at);
    // Milliseconds to the next local hour (zones with half-hour offsets included).
    const std::int64_t into_hour =
        (local.minute * 60 + local.second) * kMsPerSecond + (at - floor_div(at, kMsPerSecond) * kMsPerSecond);
    const std::int64_t piece = std::min(left, kMsPerHour - into_hour);
    minutes[static_cast<std::size_t>(local.weekday)][static_cast<std::size_t>(local.hour)] +=
        static_cast<double>(piece) / static_cast<double>(kMsPerMinute);
    at += piece;
    left -= piece;
  }
}

double Heatmap::max() const {
  double best = 0;
  for (const auto& day : minutes) best = std::max(best, *std::max_element(day.begin(), day.end()));
  return best;
}

nlohmann::json to_json(const Heatmap& heatmap) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& day : heatmap.minutes) {
    nlohmann::json row = nlohmann::json::array();
    // Tenths of a minute: enough for a chart, and the JSON stays small and stable.
    for (const double value : day) row.push_back(std::round(value * 10) / 10);
    rows.push_back(std::move(row));
  }
  return {{"unit", "minutes"},
          {"weekdays", {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}},
          {"minutes", rows},
          {"max", std::round(heatmap.max() * 10) / 10}};
}

}  // namespace sonic::report
