#pragma once
// `sonic summarize`: the segments of a period, the drift of the last week (kept in drift_runs),
// and the narrative written from both.
#include <nlohmann/json.hpp>
#include <string>

#include "sonic/core/time_zone.hpp"
#include "sonic/insight/drift.hpp"
#include "sonic/insight/narrator.hpp"
#include "sonic/insight/period.hpp"
#include "sonic/insight/segment_boundaries.hpp"
#include "sonic/insight/segments.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

struct SummarizeOptions {
  insight::Period period = insight::Period::last_days(30);
  insight::SegmentBoundaries boundaries;
  insight::NarratorSettings narrator;
};

struct Summary {
  nlohmann::json segments;  // insight::Profile::to_json()
  nlohmann::json drift;     // insight::Drift::to_json()
  insight::Narrative narrative;

  // {"narrative":{"text","narrator","cached"},"segments":…,"drift":…}
  nlohmann::json to_json() const;
  // The narrative for a terminal (control characters from the data made harmless), then who
  // wrote it.
  std::string to_text() const;
};

// What a narrative is written from, computed without writing anything: the period's profile,
// the drift ending where the period ends or at the newest listen if that comes first (a year in
// review looks at that year's last weeks), and the statistics the narrator reads (the profile's
// JSON with the drift's under "drift"). summarize and report share it, so a report finds the
// narrative summarize cached for the same period.
struct InsightFigures {
  insight::Profile profile;
  insight::Drift drift;
  nlohmann::json statistics;
};
InsightFigures compute_insight(store::Database& db, const TimeZone& zone, const insight::Period& period,
                               const insight::SegmentBoundaries& boundaries);

// The drift ends where the period ends, or at the newest listen if that comes first (a year in
// review looks at that year's last weeks). The narrator sees the profile with the drift under
// "drift". Throws insight::OpenAiError when the chat server refuses in a way a person must fix.
Summary summarize(store::Database& db, const TimeZone& zone, const SummarizeOptions& options);

}  // namespace sonic::pipeline
