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

// Session starts with their local hour of day, looked up once rather than once per row.
struct SessionStarts {
  std::vector<std::int64_t> ms;
  std::vector<int> local_hour;
};

SessionStarts session_starts(const records::SessionHistory& history, const TimeZone& zone) {
  SessionStarts starts;
  starts.ms.reserve(history.sessions.size());
  starts.local_hour.reserve(history.sessions.size());
  for (const records::Session& session : history.sessions) {
    starts.ms.push_back(session.start_ms);
    starts.local_hour.push_back(zone.local(session.start_ms).hour);
  }
  return starts;
}

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
                                                 "listens_30d"};
  return names;
}

SessionDataset build_session_dataset(const records::SessionHistory& history, const TimeZone& zone,
                                     std::span<const std::int64_t> hour_starts_ms) {
  const SessionStarts starts = session_starts(history, zone);
  const auto rows = static_cast<Eigen::Index>(hour_starts_ms.size());
  SessionDataset dataset;
  dataset.hour_starts_ms.assign(hour_starts_ms.begin(), hour_starts_ms.end());
  dataset.features.resize(rows, kSessionFeatureCount);
  dataset.labels.resize(rows);
  for (Eigen::Index r = 0; r < rows; ++r) {
    const std::int64_t at = hour_starts_ms[static_cast<std::size_t>(r)];
    const FeatureRow row = describe_hour(at, zone.local(at), history, starts);
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
  auto sessions_begin = std::lower_bound(history.sessions.begin(), sessions_end, from_ms - kMonthMs, by_start);
  if (sessions_begin != history.sessions.begin()) --sessions_begin;  // for hours_since_last_start
  const auto& listens = history.listen_starts_ms;
  const auto listens_end = std::lower_bound(listens.begin(), listens.end(), from_ms);
  const auto listens_begin = std::lower_bound(listens.begin(), listens_end, from_ms - kMonthMs);
  return {{sessions_begin, sessions_end}, {listens_begin, listens_end}};
}

}  // namespace sonic::features
