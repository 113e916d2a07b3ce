#include "sonic/pipeline/summarize.hpp"

#include <algorithm>

#include "sonic/core/utc_time.hpp"
#include "sonic/report/text_cell.hpp"

namespace sonic::pipeline {

nlohmann::json Summary::to_json() const {
  return {{"narrative", narrative.to_json()}, {"segments", segments}, {"drift", drift}};
}

std::string Summary::to_text() const {
  std::string text;
  std::size_t start = 0;
  while (start < narrative.text.size()) {  // line by line: the line breaks are the narrative's own
    const auto end = std::min(narrative.text.find('\n', start), narrative.text.size());
    text += report::terminal_safe(std::string_view(narrative.text).substr(start, end - start));
    text += '\n';
    start = end + 1;
  }
  while (text.size() > 1 && text[text.size() - 1] == '\n' && text[text.size() - 2] == '\n') text.pop_back();
  text += "\n-- " + narrative.narrator + (narrative.cached ? " (from the store)" : "") + ", " +
          segments["period"].value("description", std::string()) + "\n";
  return text;
}

InsightFigures compute_insight(store::Database& db, const TimeZone& zone, const insight::Period& period,
                               const insight::SegmentBoundaries& boundaries) {
  insight::Profile profile = insight::compute_profile(db, zone, period, boundaries);
  const std::int64_t newest = insight::resolve_period(db, zone, insight::Period::all()).to_ms;
  insight::Drift drift = insight::compute_drift(db, zone, std::min(newest, profile.span.to_ms));
  nlohmann::json statistics = profile.to_json();
  statistics["drift"] = drift.to_json();
  return {std::move(profile), std::move(drift), std::move(statistics)};
}

Summary summarize(store::Database& db, const TimeZone& zone, const SummarizeOptions& options) {
  InsightFigures figures = compute_insight(db, zone, options.period, options.boundaries);
  {
    store::Transaction transaction(db);
    insight::store_drift(db, figures.drift, now_utc_ms());
    transaction.commit();
  }
  Summary summary{figures.profile.to_json(), figures.drift.to_json(), {}};
  summary.narrative = insight::write_narrative(db, figures.statistics, options.narrator);
  return summary;
}

}  // namespace sonic::pipeline
