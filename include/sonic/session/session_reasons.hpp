#pragma once
// Why an hour looks likely or unlikely, in words: the TreeSHAP contributions of the session
// features, summed over the features that describe one thing (the three columns of the hour of
// day are one reason), ranked by size, and phrased from the row's own values.
#include <Eigen/Core>
#include <string>
#include <vector>

#include "sonic/core/time_zone.hpp"

namespace sonic::session {

struct SessionReason {
  std::string factor;   // "time_of_day", "day_of_week", "day_of_month", "habit_at_this_hour",
                        // "time_since_last_session", "recent_session_length", "recent_listening"
  double contribution;  // in log-odds: > 0 raises the chance of a session start
  std::string text;     // "you often start a session around 08:00"
};

// `features`: one session dataset row; `contributions`: its row of GbdtModel::contributions
// (the features, then the bias). The `count` reasons with the largest contributions either way.
std::vector<SessionReason> explain_hour(const Eigen::RowVectorXd& features, const Eigen::RowVectorXd& contributions,
                                        const LocalTime& local, int count);

}  // namespace sonic::session
