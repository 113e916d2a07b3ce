#pragma once
// The dashboard's mood and cluster shares over time. Private to report/: build_dashboard
// (dashboard.cpp) assembles the sections.
#include <nlohmann/json.hpp>

#include "sonic/core/time_zone.hpp"
#include "sonic/insight/period.hpp"
#include "sonic/store/database.hpp"

namespace sonic::report::detail {

enum class Bucket { week, month };

nlohmann::json mood_over_time_section(store::Database& db, const TimeZone& zone, const insight::PeriodSpan& span,
                                      Bucket bucket);

}  // namespace sonic::report::detail
