#pragma once
// How `sonic stats` looks: JSON with stable keys, and a plain table that fits 80 columns.
#include <nlohmann/json.hpp>
#include <string>

#include "sonic/report/history_stats.hpp"

namespace sonic::report {

nlohmann::json to_json(const HistoryStats& stats);
std::string to_text(const HistoryStats& stats);

}  // namespace sonic::report
