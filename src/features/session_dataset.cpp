#include "sonic/features/session_dataset.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>

#include "sonic/core/utc_time.hpp"

namespace sonic::features {
namespace {

constexpr std::int64_t kWeekMs = 7 * kMsPerDay;
constexpr std::int64_t kMonthMs = 30 * kMsPerDay;
constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

constexpr std::int64_t kYearWeeks = 52;
constexpr std::int64_t kHoursOfWeek = 7 * 24;

// Session starts with their local hour of day and of the week, looked up once rather than once
// per row.
struct SessionStarts {
  std::vector<std::int64_t> ms;
  std::vector<int> local_hour;
  std::vector<std::vector<std::int64_t>> by_hour_of_week;  // [weekday * 24 + hour], sorted
};

SessionStarts session_starts(const records::SessionHistory& history, const TimeZone& zone) {
  SessionStarts starts;
  starts.ms.reserve(history.sessions.size());
  starts.local_hour.reserve(history.sessions.size());
  starts.by_hour_of_week.resize(kHoursOfWeek);
  for (const records::Session& session : history.sessions) {
    const LocalTime local = zone.local(session.start_ms);
    starts.ms.push_back(session.start_ms);
    starts.local_hour.push_back(local.hour);
    starts.by_hour_of_week[static_cast<std::size_t>(local.weekday * 24 + local.hour)].push_back(session.start_ms);
  }
  return starts;
}

// The local days with at least one listen, as prefix counts over the days the listens span, so
// that any run of days is counted at once.
class ActiveDays {
 public:
  ActiveDays(const records::SessionHistory& history, const TimeZone& zone) {
    if (history.listen_starts_ms.empty()) return;
    first_day_ = zone.local(history.listen_starts_ms.front()).local_day;
    const std::int64_t last_day = zone.local(history.listen_starts_ms.back()).local_day;
    std::vector<int> active(static_cast<std::size_t>(last_day - first_day_ + 1), 0);
    for (std::int64_t ms : history.listen_starts_ms) active[static_cast<std::size_t>(day_index(zone, ms))] = 1;
    prefix_.assign(active.size() + 1, 0);
    for (std::size_t d = 0; d < active.size(); ++d) prefix_[d + 1] = prefix_[d] + active[d];
  }

  // Days in [from_day, to_day) with a listen.
  double count(std::int64_t from_day, std::int64_t to_day) const {
    return static_cast<double>(prefix_at(to_day) - prefix_at(from_day));
  }

 private:
  std::int64_t day_index(const TimeZone& zone, std::int64_t ms) const { return zone.local(ms).local_day - first_day_; }
  int prefix_at(std::int64_t day) const {
    if (prefix_.empty()) return 0;
    const std::int64_t index =
        std::clamp<std::int64_t>(day - first_day_, 0, static_cast<std::int64_t>(prefix_.size()) - 1);
    return prefix_[static_cast<std::size_t>(index)];
  }

  std::int64_t first_day_ = 0;
  std::vector<int> prefix_;
};

// Index of the first element at or after `ms`.
std::size_t first_at_or_after(const std::vector<std::int64_t>& sorted, std::int64_t ms) {
  return static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), ms) - sorted.begin());
}

double count_between(const std::vector<std::int64_t>& sorted, std::int64_t from_ms, std::int64_t to_ms) {
  return static_cast<double>(first_at_or_after(sorted, to_ms) - first_at_or_after(sorted, from_ms));
}

double starts_at_hour(const SessionStarts& starts, std::size_t from, std::size_t to, int hour) {
  double count = 0;
  for (std::size_t i = from; i < to; ++i) count += starts.local_hour[i] == hour ? 1 : 0;
  return count;
}

// Only sessions that had ended by `at` have a known length.
double mean_finished_minutes(std::span<const records::Session> sessions, std::int64_t at) {
  double minutes = 0;
  double count = 0;
  for (const records::Session& session : sessions) {
    if (session.end_ms > at) continue;
    minutes += static_cast<double>(session.end_ms - session.start_ms) / kMsPerMinute;
    count += 1;
  }
  return count > 0 ? minutes / count : kMissing;
}

using FeatureRow = std::array<double, kSessionFeatureCount>;

// A session started within the hour that began `days_ago` × 24 h before `at`.
double started_days_ago(const SessionStarts& starts, std::int64_t at, int days_ago) {
  const std::int64_t from = at - days_ago * kMsPerDay;
  return count_between(starts.ms, from, from + kMsPerHour) > 0 ? 1 : 0;
}

// The rhythm columns: the same hour on earlier days, how lately and how regularly there was
// listening, and last year's same week.
void describe_rhythm(FeatureRow& row, std::int64_t at, const LocalTime& local, const records::SessionHistory& history,
                     const SessionStarts& starts, const ActiveDays& active_days) {
  auto set = [&row](SessionFeature feature, double value) { row[static_cast<std::size_t>(feature)] = value; };
  set(SessionFeature::day_of_year, static_cast<double>(local.local_day - days_from_civil(local.year, 1, 1) + 1));
  set(SessionFeature::started_same_hour_1d_ago, started_days_ago(starts, at, 1));
  double last_4_weeks = 0;
  const std::pair<SessionFeature, int> weeks[] = {{SessionFeature::started_same_hour_7d_ago, 7},
                                                  {SessionFeature::started_same_hour_14d_ago, 14},
                                                  {SessionFeature::started_same_hour_21d_ago, 21},
                                                  {SessionFeature::started_same_hour_28d_ago, 28}};
  for (const auto& [feature, days] : weeks) {
    const double started = started_days_ago(starts, at, days);
    set(feature, started);
    last_4_weeks += started;
  }
  set(SessionFeature::starts_same_hour_last_4_weeks, last_4_weeks);

  const std::size_t listens_known = first_at_or_after(history.listen_starts_ms, at);
  set(SessionFeature::minutes_since_last_listen,
      listens_known == 0 ? kMissing
                         : static_cast<double>(at - history.listen_starts_ms[listens_known - 1]) / kMsPerMinute);
  // Whole local days before the row's own day: every listen in them started before `at`.
  const std::int64_t today = local.local_day;
  set(SessionFeature::active_day_share_7d, active_days.count(today - 7, today) / 7);
  set(SessionFeature::active_day_share_28d, active_days.count(today - 28, today) / 28);
  double active_weeks = 0;
  for (std::int64_t week = 0; week < kYearWeeks; ++week) {
    active_weeks += active_days.count(today - 7 * (week + 1), today - 7 * week) > 0 ? 1 : 0;
  }
  set(SessionFeature::active_weeks_52w, active_weeks);
  const auto& same_slot = starts.by_hour_of_week[static_cast<std::size_t>(local.weekday * 24 + local.hour)];
  set(SessionFeature::hour_of_week_rate_52w,
      active_weeks > 0 ? count_between(same_slot, at - kYearWeeks * kWeekMs, at) / active_weeks : kMissing);
  const std::int64_t year_ago = today - kYearWeeks * 7;
  set(SessionFeature::active_days_same_week_last_year, active_days.count(year_ago - 3, year_ago + 4));
}

FeatureRow describe_hour(std::int64_t at, const LocalTime& local, const records::SessionHistory& history,
                         const SessionStarts& starts) {
  FeatureRow row{};
  auto set = [&row](SessionFeature feature, double value) { row[static_cast<std::size_t>(feature)] = value; };
  constexpr double kTau = 2 * std::numbers::pi;
  set(SessionFeature::hour, local.hour);
  set(SessionFeature::weekday, local.weekday);
  set(SessionFeature::day_of_month, local.day);
  set(SessionFeature::hour_sin, std::sin(kTau * local.hour / 24));
  set(SessionFeature::hour_cos, std::cos(kTau * local.hour / 24));
  set(SessionFeature::weekday_sin, std::sin(kTau * local.weekday / 7));
  set(SessionFeature::weekday_cos, std::cos(kTau * local.weekday / 7));
  set(SessionFeature::weekend, local.weekend() ? 1 : 0);

  const std::size_t known_end = first_at_or_after(starts.ms, at);  // sessions started before `at`
  const std::size_t week_begin = first_at_or_after(starts.ms, at - kWeekMs);
  const std::size_t month_begin = first_at_or_after(starts.ms, at - kMonthMs);
  set(SessionFeature::starts_this_hour_7d, starts_at_hour(starts, week_begin, known_end, local.hour));
  set(SessionFeature::starts_this_hour_30d, starts_at_hour(starts, month_begin, known_end, local.hour));
  set(SessionFeature::hours_since_last_start,
      known_end == 0 ? kMissing : static_cast<double>(at - starts.ms[known_end - 1]) / kMsPerHour);
  set(SessionFeature::mean_session_minutes_7d,
      mean_finished_minutes(std::span(history.sessions).subspan(week_begin, known_end - week_begin), at));
  set(SessionFeature::listens_7d, count_between(history.listen_starts_ms, at - kWeekMs, at));
  set(SessionFeature::listens_30d, count_between(history.listen_starts_ms, at - kMonthMs, at));
  return row;
}

}  // namespace

const std::vector<std::string>& session_feature_names() {
  static const std::vector<std::string> names = {"hour",
                                                 "weekday",
                                                 "day_of_month",
                                                 "hour_sin",
                                                 "hour_cos",
                                                 "weekday_sin",
                                                 "weekday_cos",
                                                 "weekend",
                                                 "starts_this_hour_7d",
                                                 "starts_this_hour_30d",
                                                 "hours_since_last_start",
                                                 "mean_session_minutes_7d",
                                                 "listens_7d",
                                                 "listens_30d",
                                                 "day_of_year",
                                                 "started_same_hour_1d_ago",
                                                 "started_same_hour_7d_ago",
                                                 "started_same_hour_14d_ago",
                                                 "started_same_hour_21d_ago",
                                                 "started_same_hour_28d_ago",
                                                 "starts_same_hour_last_4_weeks",
                                                 "minutes_since_last_listen",
                                                 "active_day_share_7d",
                                                 "active_day_share_28d",
                                                 "active_weeks_52w",
                                                 "hour_of_week_rate_52w",
                                                 "active_days_same_week_last_year"};
  return names;
}

SessionDataset build_session_dataset(const records::SessionHistory& history, const TimeZone& zone,
                                     std::span<const std::int64_t> hour_starts_ms) {
  const SessionStarts starts = session_starts(history, zone);
  const ActiveDays active_days(history, zone);
  const auto rows = static_cast<Eigen::Index>(hour_starts_ms.size());
  SessionDataset dataset;
  dataset.hour_starts_ms.assign(hour_starts_ms.begin(), hour_starts_ms.end());
  dataset.features.resize(rows, kSessionFeatureCount);
  dataset.labels.resize(rows);
  for (Eigen::Index r = 0; r < rows; ++r) {
    const std::int64_t at = hour_starts_ms[static_cast<std::size_t>(r)];
    const LocalTime local = zone.local(at);
    FeatureRow row = describe_hour(at, local, history, starts);
    describe_rhythm(row, at, local, history, starts, active_days);
    for (int c = 0; c < kSessionFeatureCount; ++c) dataset.features(r, c) = row[static_cast<std::size_t>(c)];
    dataset.labels[r] = count_between(starts.ms, at, at + kMsPerHour) > 0 ? 1 : 0;
  }
  return dataset;
}

}  // namespace sonic::features

namespace sonic::features {

records::SessionHistory history_known_at(const records::SessionHistory& history, std::int64_t from_ms) {
  const auto by_start = [](const records::Session& session, std::int64_t ms) { return session.start_ms < ms; };
  const auto sessions_end = std::lower_bound(history.sessions.begin(), history.sessions.end(), from_ms, by_start);
  const std::int64_t look_back = from_ms - kSessionLookBackDays * kMsPerDay;
  auto sessions_begin = std::lower_bound(history.sessions.begin(), sessions_end, look_back, by_start);
  if (sessions_begin != history.sessions.begin()) --sessions_begin;  // for hours_since_last_start
  const auto& listens = history.listen_starts_ms;
  const auto listens_end = std::lower_bound(listens.begin(), listens.end(), from_ms);
  auto listens_begin = std::lower_bound(listens.begin(), listens_end, look_back);
  if (listens_begin != listens.begin()) --listens_begin;  // for minutes_since_last_listen
  return {{sessions_begin, sessions_end}, {listens_begin, listens_end}};
}

}  // namespace sonic::features
