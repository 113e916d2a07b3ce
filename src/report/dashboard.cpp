// build_dashboard: the overview, heatmap and top lists, and the assembly of every section.
#include "sonic/report/dashboard.hpp"

#include <cmath>
#include <limits>
#include <unordered_set>

#include "dashboard_sections.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/report/heatmap.hpp"

namespace sonic::report {
namespace detail {

void bind_period(store::Statement& statement, const insight::PeriodSpan& span) {
  statement.bind(1, span.from_ms);
  statement.bind(2, span.to_ms);
}

double rounded(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

}  // namespace detail

namespace {

using detail::bind_period;
using detail::kListenInPeriod;
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
  auto totals = db.prepare(std::string("SELECT count(*), coalesce(sum(p.ms_played), 0), count(DISTINCT p.track_id), "
                                       "count(DISTINCT t.artist_id), min(p.start_ms), max(p.end_ms), max(p.start_ms) "
                                       "FROM plays p JOIN tracks t ON t.id = p.track_id WHERE ") +
                           kListenInPeriod);
  bind_period(totals, span);
  totals.step();
  auto plays = db.prepare("SELECT count(*) FROM plays WHERE start_ms >= ?1 AND start_ms < ?2");
  bind_period(plays, span);
  plays.step();
  Overview overview;
  overview.first_start_ms = totals.optional_integer(4);
  overview.last_start_ms = totals.optional_integer(6);
  overview.json = {{"listens", totals.integer(0)},
                   {"plays", plays.integer(0)},
                   {"hours", rounded(static_cast<double>(totals.integer(1)) / kMsPerHour, 2)},
                   {"tracks", totals.integer(2)},
                   {"artists", totals.integer(3)},
                   {"from", iso_or_null(overview.first_start_ms)},
                   {"to", iso_or_null(totals.optional_integer(5))},
                   {"time_zone", zone.name()}};
  return overview;
}

// One pass over the period's listens for what needs local time.
void add_local_time_figures(store::Database& db, const insight::PeriodSpan& span, const TimeZone& zone,
                            nlohmann::json& dashboard) {
  auto listens = db.prepare(std::string("SELECT p.start_ms, p.ms_played FROM plays p WHERE ") + kListenInPeriod);
  bind_period(listens, span);
  Heatmap heatmap;
  std::unordered_set<std::int64_t> days;
  while (listens.step()) {
    heatmap.add_listen(zone, listens.integer(0), listens.integer(1));
    days.insert(zone.local(listens.integer(0)).local_day);
  }
  dashboard["heatmap"] = to_json(heatmap);
  dashboard["overview"]["days_with_listens"] = days.size();
}

nlohmann::json top_list(store::Database& db, const insight::PeriodSpan& span, int top, bool tracks) {
  const std::string sql = tracks
                              ? std::string(
                                    "SELECT t.name, a.name, count(*), sum(p.ms_played) FROM plays p "
                                    "JOIN tracks t ON t.id = p.track_id JOIN artists a ON a.id = t.artist_id "
                                    "WHERE ") +
                                    kListenInPeriod + " GROUP BY t.id ORDER BY count(*) DESC, t.name, a.name LIMIT ?3"
                              : std::string(
                                    "SELECT a.name, '', count(*), sum(p.ms_played) FROM plays p "
                                    "JOIN tracks t ON t.id = p.track_id JOIN artists a ON a.id = t.artist_id "
                                    "WHERE ") +
                                    kListenInPeriod + " GROUP BY a.id ORDER BY count(*) DESC, a.name LIMIT ?3";
  auto query = db.prepare(sql);
  bind_period(query, span);
  query.bind(3, top);
  nlohmann::json list = nlohmann::json::array();
  while (query.step()) {
    nlohmann::json item = {{"name", query.text(0)},
                           {"listens", query.integer(2)},
                           {"hours", rounded(static_cast<double>(query.integer(3)) / kMsPerHour, 2)}};
    if (tracks) item["artist"] = query.text(1);
    list.push_back(std::move(item));
  }
  return list;
}

nlohmann::json given_or_null(const std::optional<nlohmann::json>& section) {
  return section ? *section : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json build_dashboard(store::Database& db, const TimeZone& zone, const insight::Period& period,
                               const DashboardInputs& inputs) {
  const insight::PeriodSpan listens = insight::resolve_period(db, zone, period);
  // All time spans the music listens; its plays also count the skips and episodes around them.
  const insight::PeriodSpan span =
      period.kind == insight::Period::Kind::all
          ? insight::PeriodSpan{std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()}
          : listens;
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
  dashboard["models"] = inputs.models.is_array() ? inputs.models : nlohmann::json::array();
  dashboard["segments"] = given_or_null(inputs.segments);
  dashboard["drift"] = given_or_null(inputs.drift);
  dashboard["forecast"] = given_or_null(inputs.forecast);
  dashboard["narrative"] = given_or_null(inputs.narrative);
  return dashboard;
}

}  // namespace sonic::report
