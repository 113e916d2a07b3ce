#pragma once
// The dashboard's sections that insight/ and session/ compute, made from their own JSON (or
// structs) into the shapes report/dashboard.hpp documents. The one place those shapes meet:
// insight's keys are stable (docs/architecture-notes.md), the dashboard's are what the renderers
// read, and neither has to follow the other.
//
//   inputs.segments = segments_section(profile.to_json());
//   inputs.drift = drift_section(drift.to_json());
#include <nlohmann/json.hpp>

#include "sonic/insight/narrator.hpp"
#include "sonic/report/session_forecast_report.hpp"

namespace sonic::report {

// From insight::Profile::to_json(); null when the period has no listens.
nlohmann::json segments_section(const nlohmann::json& profile);

// From insight::Drift::to_json(); null when no metric could be compared (an empty window).
nlohmann::json drift_section(const nlohmann::json& drift);

// The forecast as `sonic predict session --json` prints it.
nlohmann::json forecast_section(const SessionForecastResult& forecast);

// {"narrator", "text", "cached"}
nlohmann::json narrative_section(const insight::Narrative& narrative);

}  // namespace sonic::report
