#include "sonic/session/session_reasons.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

#include "sonic/features/session_dataset.hpp"

namespace sonic::session {
namespace {

using features::SessionFeature;

struct Factor {
  const char* name;
  std::vector<SessionFeature> columns;
  // The phrase, from the row and whether the factor raises the chance.
  std::function<std::string(const Eigen::RowVectorXd&, const LocalTime&, bool)> phrase;
};

double at(const Eigen::RowVectorXd& row, SessionFeature feature) { return row[static_cast<int>(feature)]; }

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f", value);
  return text;
}

// "no sessions", "1 session", "3 sessions"
std::string sessions(double count) {
  return count == 0 ? "no sessions" : number(count) + (count == 1 ? " session" : " sessions");
}

std::string clock_hour(int hour) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d:00", hour);
  return text;
}

std::string weekday_name(int weekday) {
  static const char* names[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  return names[weekday];
}

std::string raises(bool up) { return up ? ", which raises the chance" : ", which lowers the chance"; }

const std::vector<Factor>& factors() {
  using F = SessionFeature;
  static const std::vector<Factor> list = {
      {"time_of_day",
       {F::hour, F::hour_sin, F::hour_cos},
       [](const auto&, const LocalTime& local, bool up) {
         return std::string(up ? "you often start a session around " : "you seldom start a session around ") +
                clock_hour(local.hour);
       }},
      {"day_of_week",
       {F::weekday, F::weekday_sin, F::weekday_cos, F::weekend},
       [](const auto&, const LocalTime& local, bool up) {
         return std::string(up ? "you listen more on " : "you listen less on ") + weekday_name(local.weekday) + "s";
       }},
      {"day_of_month",
       {F::day_of_month},
       [](const auto&, const LocalTime& local, bool up) {
         return "day " + std::to_string(local.day) + " of the month" + raises(up);
       }},
      {"habit_at_this_hour",
       {F::starts_this_hour_7d, F::starts_this_hour_30d},
       [](const auto& row, const LocalTime& local, bool up) {
         return "you started " + sessions(at(row, F::starts_this_hour_7d)) + " around " + clock_hour(local.hour) +
                " in the last 7 days and " + sessions(at(row, F::starts_this_hour_30d)) + " in the last 30" +
                raises(up);
       }},
      {"time_since_last_session",
       {F::hours_since_last_start},
       [](const auto& row, const LocalTime&, bool up) {
         const double hours = at(row, F::hours_since_last_start);
         return (std::isnan(hours) ? std::string("no session before")
                                   : "your last session started " + number(hours) + " hours before") +
                raises(up);
       }},
      {"recent_session_length",
       {F::mean_session_minutes_7d},
       [](const auto& row, const LocalTime&, bool up) {
         const double minutes = at(row, F::mean_session_minutes_7d);
         return (std::isnan(minutes)
                     ? std::string("no finished session in the last 7 days")
                     : "your sessions of the last 7 days lasted " + number(minutes) + " minutes on average") +
                raises(up);
       }},
      {"recent_listening",
       {F::listens_7d, F::listens_30d},
       [](const auto& row, const LocalTime&, bool up) {
         return "you played " + number(at(row, F::listens_7d)) + " tracks in the last 7 days and " +
                number(at(row, F::listens_30d)) + " in the last 30" + raises(up);
       }},
      {"time_of_year",
       {F::day_of_year},
       [](const auto& row, const LocalTime&, bool up) {
         return "day " + number(at(row, F::day_of_year)) + " of the year" + raises(up);
       }},
      {"same_hour_on_recent_days",
       {F::started_same_hour_1d_ago, F::started_same_hour_7d_ago, F::started_same_hour_14d_ago,
        F::started_same_hour_21d_ago, F::started_same_hour_28d_ago, F::starts_same_hour_last_4_weeks},
       [](const auto& row, const LocalTime& local, bool up) {
         return std::string(at(row, F::started_same_hour_1d_ago) > 0 ? "you started a session at this hour yesterday"
                                                                     : "no session at this hour yesterday") +
                ", and " + sessions(at(row, F::starts_same_hour_last_4_weeks)) + " at " + clock_hour(local.hour) +
                " on the last four " + weekday_name(local.weekday) + "s" + raises(up);
       }},
      {"time_since_last_listen",
       {F::minutes_since_last_listen},
       [](const auto& row, const LocalTime&, bool up) {
         const double minutes = at(row, F::minutes_since_last_listen);
         return (std::isnan(minutes) ? std::string("nothing played before")
                                     : "your last track started " + number(minutes / 60) + " hours before") +
                raises(up);
       }},
      {"days_with_listening",
       {F::active_day_share_7d, F::active_day_share_28d, F::active_weeks_52w},
       [](const auto& row, const LocalTime&, bool up) {
         return "you listened on " + number(7 * at(row, F::active_day_share_7d)) + " of the last 7 days and " +
                number(28 * at(row, F::active_day_share_28d)) + " of the last 28" + raises(up);
       }},
      {"habit_this_hour_of_the_week",
       {F::hour_of_week_rate_52w},
       [](const auto& row, const LocalTime& local, bool up) {
         const double rate = at(row, F::hour_of_week_rate_52w);
         char per_week[32];
         std::snprintf(per_week, sizeof per_week, "%.1f", rate);
         return (std::isnan(rate) ? std::string("no listening in the last year")
                                  : "in the weeks you listened this last year, you started " + std::string(per_week) +
                                        " sessions a week around " + clock_hour(local.hour) + " on " +
                                        weekday_name(local.weekday) + "s") +
                raises(up);
       }},
      {"same_week_last_year",
       {F::active_days_same_week_last_year},
       [](const auto& row, const LocalTime&, bool up) {
         return "a year ago you listened on " + number(at(row, F::active_days_same_week_last_year)) +
                " days of this week" + raises(up);
       }},
  };
  return list;
}

}  // namespace

std::vector<SessionReason> explain_hour(const Eigen::RowVectorXd& features, const Eigen::RowVectorXd& contributions,
                                        const LocalTime& local, int count) {
  std::vector<SessionReason> reasons;
  for (const Factor& factor : factors()) {
    double contribution = 0;
    for (SessionFeature column : factor.columns) contribution += contributions[static_cast<int>(column)];
    if (contribution == 0) continue;  // the model never used these features
    reasons.push_back({factor.name, contribution, factor.phrase(features, local, contribution > 0)});
  }
  std::stable_sort(reasons.begin(), reasons.end(), [](const SessionReason& a, const SessionReason& b) {
    return std::abs(a.contribution) > std::abs(b.contribution);
  });
  if (reasons.size() > static_cast<std::size_t>(std::max(count, 0))) reasons.resize(static_cast<std::size_t>(count));
  return reasons;
}

}  // namespace sonic::session
