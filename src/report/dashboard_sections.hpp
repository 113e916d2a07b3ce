#pragma once
// The dashboard's sections computed from the store, one file each (dashboard_*.cpp). Private to
// report/: build_dashboard (dashboard.cpp) assembles them.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "sonic/core/time_zone.hpp"
#include "sonic/insight/period.hpp"
#include "sonic/store/database.hpp"

namespace sonic::report::detail {

enum class Bucket { week, month };

nlohmann::json mood_over_time_section(store::Database& db, const TimeZone& zone, const insight::PeriodSpan& span,
                                      Bucket bucket);
nlohmann::json clusters_section(store::Database& db, const insight::PeriodSpan& span);

// Rounded for the JSON: charts need no more, and the output stays stable and small.
double rounded(double value, int decimals);

}  // namespace sonic::report::detail
