#pragma once
// Listening minutes by local weekday × hour. A listen is split at local hour boundaries, so a
// song started at 14:58 counts two minutes at 14 h and the rest at 15 h, and daylight-saving
// changes move it to the hour the person's clock showed.
#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "sonic/core/time_zone.hpp"

namespace sonic::report {

struct Heatmap {
  std::array<std::array<double, 24>, 7> minutes{};  // [weekday, 0 = Monday][local hour]

  void add_listen(const TimeZone& zone, std::int64_t start_ms, std::int64_t ms_played);
  double max() const;
};

// {"unit": "minutes", "weekdays": ["Mon", …], "minutes": [[24 numbers] × 7], "max": number}
nlohmann::json to_json(const Heatmap& heatmap);

}  // namespace sonic::report
