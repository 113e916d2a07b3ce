#pragma once
// The dashboard's clusters on the valence x energy plane. Private to report/: build_dashboard
// (dashboard.cpp) assembles the sections.
#include <nlohmann/json.hpp>

#include "sonic/insight/period.hpp"
#include "sonic/store/database.hpp"

namespace sonic::report::detail {

nlohmann::json clusters_section(store::Database& db, const insight::PeriodSpan& span);

}  // namespace sonic::report::detail
