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
