// build_dashboard: the overview, heatmap and top lists, and the assembly of every section.
#include "sonic/report/dashboard.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

#include "dashboard_clusters.hpp"
#include "dashboard_moods.hpp"
#include "report_format.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/report/heatmap.hpp"
#include "sonic/store/dashboard_queries.hpp"
#include "sonic/taste/genre_summary.hpp"

namespace sonic::report {
namespace {

using detail::rounded;

nlohmann::json iso_or_null(const std::optional<std::int64_t>& ms) {
  return ms ? nlohmann::json(format_iso8601_utc(*ms)) : nlohmann::json(nullptr);
}

nlohmann::json period_json(const insight::Period& period, const insight::PeriodSpan& span) {
  using Kind = insight::Period::Kind;
  const bool bounded = span.to_ms > span.from_ms;  // an empty store has no last N days
  return {{"name", period.describe()},
          {"days", period.kind == Kind::last_days ? nlohmann::json(period.days) : nlohmann::json(nullptr)},
          {"year", period.kind == Kind::year ? nlohmann::json(period.year) : nlohmann::json(nullptr)},
          {"from", bounded ? iso_or_null(span.from_ms) : nlohmann::json(nullptr)},
          {"to", bounded ? iso_or_null(span.to_ms) : nlohmann::json(nullptr)}};
}

struct Overview {
  nlohmann::json json;
  std::optional<std::int64_t> first_start_ms;
  std::optional<std::int64_t> last_start_ms;
};

Overview overview_section(store::Database& db, const insight::PeriodSpan& span, const TimeZone& zone) {
  const store::PeriodTotals totals = store::period_totals(db, span.from_ms, span.to_ms);
  const std::int64_t plays = store::plays_in_period(db, span.from_ms, span.to_ms);
  Overview overview;
  overview.first_start_ms = totals.first_start_ms;
  overview.last_start_ms = totals.last_start_ms;
  overview.json = {{"listens", totals.listens},
                   {"plays", plays},
                   {"hours", rounded(static_cast<double>(totals.ms_played) / kMsPerHour, 2)},
                   {"tracks", totals.tracks},
                   {"artists", totals.artists},
                   {"from", iso_or_null(overview.first_start_ms)},
                   {"to", iso_or_null(totals.last_end_ms)},
                   {"time_zone", zone.name()}};
  return overview;
}

// One pass over the period's listens for what needs local time.
void add_local_time_figures(store::Database& db, const insight::PeriodSpan& span, const TimeZone& zone,
                            nlohmann::json& dashboard) {
  Heatmap heatmap;
  std::unordered_set<std::int64_t> days;
  store::for_each_listen_in_period(db, span.from_ms, span.to_ms, [&](std::int64_t start_ms, std::int64_t ms_played) {
    heatmap.add_listen(zone, start_ms, ms_played);
    days.insert(zone.local(start_ms).local_day);
  });
  dashboard["heatmap"] = to_json(heatmap);
  dashboard["overview"]["days_with_listens"] = days.size();
}

nlohmann::json top_list(store::Database& db, const insight::PeriodSpan& span, int top, bool tracks) {
  const auto rows = store::top_listened_in_period(db, tracks ? store::TopOf::tracks : store::TopOf::artists,
                                                  span.from_ms, span.to_ms, top);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& row : rows) {
    nlohmann::json item = {{"name", row.name},
                           {"listens", row.listens},
                           {"hours", rounded(static_cast<double>(row.ms_played) / kMsPerHour, 2)}};
    if (tracks) item["artist"] = row.detail;
    list.push_back(std::move(item));
  }
  return list;
}

nlohmann::json given_or_null(const std::optional<nlohmann::json>& section) {
  return section ? *section : nlohmann::json(nullptr);
}

}  // namespace

insight::PeriodSpan dashboard_span(store::Database& db, const TimeZone& zone, const insight::Period& period) {
  return period.kind == insight::Period::Kind::all
             ? insight::PeriodSpan{std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()}
             : insight::resolve_period(db, zone, period);
}

nlohmann::json build_dashboard(store::Database& db, const TimeZone& zone, const insight::Period& period,
                               const DashboardInputs& inputs) {
  const insight::PeriodSpan listens = insight::resolve_period(db, zone, period);
  const insight::PeriodSpan span = dashboard_span(db, zone, period);
  nlohmann::json dashboard = {{"format", kDashboardFormat},
                              {"generated", format_iso8601_utc(inputs.now_ms)},
                              {"time_zone", zone.name()},
                              {"period", period_json(period, listens)}};
  const Overview overview = overview_section(db, span, zone);
  dashboard["overview"] = overview.json;
  add_local_time_figures(db, span, zone, dashboard);
  // Weeks show a season's shape; beyond about four months, months read better.
  const std::int64_t span_ms = overview.first_start_ms ? *overview.last_start_ms - *overview.first_start_ms : 0;
  const auto bucket = span_ms <= 120 * kMsPerDay ? detail::Bucket::week : detail::Bucket::month;
  dashboard["mood_over_time"] = detail::mood_over_time_section(db, zone, span, bucket);
  dashboard["clusters"] = detail::clusters_section(db, span);
  dashboard["top_artists"] = top_list(db, span, inputs.top, false);
  dashboard["top_tracks"] = top_list(db, span, inputs.top, true);
  dashboard["genres"] = taste::to_json(taste::summarize_genres(
      taste::load_listening_data(db), zone,
      {.from_ms = span.from_ms, .to_ms = span.to_ms, .top = static_cast<std::size_t>(std::max(inputs.top, 1))}));
  dashboard["models"] = inputs.models.is_array() ? inputs.models : nlohmann::json::array();
  dashboard["segments"] = given_or_null(inputs.segments);
  dashboard["drift"] = given_or_null(inputs.drift);
  dashboard["forecast"] = given_or_null(inputs.forecast);
  dashboard["narrative"] = given_or_null(inputs.narrative);
  return dashboard;
}

}  // namespace sonic::report
